using PluginBot.Abstractions.Actors;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>
/// A task runs as its owner stands now, not as they stood when it was queued: the engine asks the user directory
/// whenever a task is claimed, resumed or released, so a denied owner's task is cancelled and a demoted admin's task
/// runs with a user's rights.
/// </summary>
internal static class OwnerStanding
{
    /// <summary>The state's reason and the task's error when its owner was taken off the allow-list.</summary>
    public const string NoLongerAllowed = "owner no longer allowed";

    /// <summary>
    /// The owner as the directory knows them now, or null when they may no longer use the bot. Id 0 is no person (the
    /// API admin token, the bot itself): it is not on the allow-list and keeps the kind it was queued with.
    /// </summary>
    public static ValueTask<Actor?> CurrentOwnerAsync(this IUserDirectory users, long ownerId, string ownerKind, CancellationToken cancellationToken) =>
        ownerId == 0
            ? ValueTask.FromResult<Actor?>(new Actor(0, Enum.Parse<ActorKind>(ownerKind), "worker"))
            : users.ResolveAsync(ownerId, "worker", cancellationToken);
}

/// <summary>The owner of a claimed task may no longer use the bot: the task is cancelled, not run.</summary>
internal sealed class OwnerNotAllowedException() : Exception(OwnerStanding.NoLongerAllowed);
