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

    /// <summary>The owner as the directory knows them now, or null when they may no longer use the bot.</summary>
    public static ValueTask<Actor?> CurrentOwnerAsync(this IUserDirectory users, long ownerId, CancellationToken cancellationToken) =>
        users.ResolveAsync(ownerId, "worker", cancellationToken);
}

/// <summary>The owner of a claimed task may no longer use the bot: the task is cancelled, not run.</summary>
internal sealed class OwnerNotAllowedException() : Exception(OwnerStanding.NoLongerAllowed);
