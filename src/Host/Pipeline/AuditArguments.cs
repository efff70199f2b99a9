using System.Text.Encodings.Web;
using System.Text.Json;

namespace PluginBot.Host.Pipeline;

/// <summary>
/// Keeps audit rows small: arguments longer than <see cref="MaxLength"/> characters (a pasted document, say) are
/// stored as <c>{"truncatedFrom": original length, "start": "the first part"}</c>, still JSON and within the cap.
/// </summary>
internal static class AuditArguments
{
    public const int MaxLength = 4096;

    // Relaxed escaping: the cut text is read by people in the database, and it keeps escapes from eating the cap.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Cap(string json)
    {
        if (json.Length <= MaxLength)
        {
            return json;
        }

        var keep = MaxLength - 64;
        while (true)
        {
            if (char.IsHighSurrogate(json[keep - 1]))
            {
                keep--; // never cut a character in half
            }

            var capped = JsonSerializer.Serialize(new Capped(json.Length, json[..keep]), Options);
            if (capped.Length <= MaxLength)
            {
                return capped;
            }

            // Escaping made it longer: every character dropped shortens it by at least one.
            keep -= capped.Length - MaxLength;
        }
    }

    private sealed record Capped(int TruncatedFrom, string Start);
}
