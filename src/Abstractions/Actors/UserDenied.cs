using PluginBot.Abstractions.Events;

namespace PluginBot.Abstractions.Actors;

/// <summary>
/// A user was taken off the allow-list (<c>/deny</c>). Durable: enqueued in the same transaction as the change and
/// delivered at least once after it commits, so a plugin stops what the user has running or queued (tasks, answers)
/// even across a crash. Since host API 1.5.
/// </summary>
/// <param name="UserId">The denied user.</param>
/// <param name="DeniedBy">Who denied them: an admin's id, or <c>system</c>.</param>
/// <param name="AtUtc">When.</param>
public sealed record UserDenied(long UserId, string DeniedBy, DateTime AtUtc) : IDurableEvent
{
    /// <inheritdoc />
    public string DedupeKey => FormattableString.Invariant($"user-denied:{UserId}:{AtUtc.Ticks}");
}
