using System.Security.Cryptography;

namespace PluginBot.Plugins.Scheduler.Model;

/// <summary>Short ids people can type, in the task ids' alphabet (no look-alikes).</summary>
internal static class ScheduleIds
{
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
    private const int Length = 6;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Normalizes what a person typed ("#K3X9P2" → "k3x9p2"); null when it cannot be an id.</summary>
    public static string? Parse(string? text)
    {
        var id = text?.Trim().TrimStart('#').ToLowerInvariant();
        return id is { Length: Length } && id.All(Alphabet.Contains) ? id : null;
    }
}
