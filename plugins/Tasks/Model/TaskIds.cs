using System.Security.Cryptography;

namespace PluginBot.Plugins.Tasks.Model;

/// <summary>Short ids people can type: six characters without look-alikes (no 0/o, 1/l/i).</summary>
internal static class TaskIds
{
    private const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
    public const int Length = 6;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>Normalizes what a person typed ("#K3X9P2" → "k3x9p2"); null when it cannot be an id.</summary>
    public static string? Parse(string? text)
    {
        var id = text?.Trim().TrimStart('#').ToLowerInvariant();
        return id is { Length: Length } && id.All(Alphabet.Contains) ? id : null;
    }
}
