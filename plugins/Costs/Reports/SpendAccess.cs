using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Errors;

namespace PluginBot.Plugins.Costs.Reports;

/// <summary>Whose spend a reader may see: admins and the bot anyone's, a user only their own.</summary>
internal static class SpendAccess
{
    /// <summary>The user to filter on: the requested one (null: everyone) for the privileged, the reader otherwise.</summary>
    /// <exception cref="ForbiddenException">A user named someone else.</exception>
    public static long? UserFor(Actor reader, long? requested, string refusal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.IsPrivileged)
        {
            return requested;
        }

        return requested is { } other && other != reader.Id ? throw new ForbiddenException(refusal) : reader.Id;
    }
}
