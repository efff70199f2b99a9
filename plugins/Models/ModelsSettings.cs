using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PluginBot.Plugins.Models;

/// <summary>
/// The router's settings, under <c>Plugins:Models</c>: <c>Provider</c> (LLM_PROVIDER), <c>Aliases:&lt;alias&gt;</c>,
/// <c>Fallbacks:&lt;alias&gt;:&lt;n&gt;</c>, <c>MaxOutputTokens</c>, <c>Retry:*</c>, <c>FirstTokenTimeoutSeconds</c>,
/// <c>MaxConcurrency</c>, <c>Endpoints:&lt;name&gt;:MaxConcurrency</c>. The same keys under <c>Models:</c>, where they
/// lived before the router was a plugin, still count; a key under <c>Plugins:Models</c> wins over its old twin.
/// </summary>
internal sealed record ModelsSettings
{
    /// <summary>Where the router's settings lived while it was part of the host.</summary>
    public const string LegacySection = "Models";

    public string? Provider { get; init; }

    public IReadOnlyDictionary<string, string> Aliases { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Fallbacks { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    public int MaxOutputTokens { get; init; } = 4096;

    /// <summary>Attempts per model, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for the first token (or the whole answer, when not streamed) before giving up.</summary>
    public TimeSpan FirstTokenTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public int DefaultMaxConcurrency { get; init; } = 4;

    public IReadOnlyDictionary<string, int> MaxConcurrency { get; init; } = new Dictionary<string, int>();

    /// <summary>Reads <paramref name="section"/> (<c>Plugins:Models</c>) over <paramref name="legacy"/> (<c>Models</c>).</summary>
    public static ModelsSettings Load(IConfiguration section, IConfiguration legacy)
    {
        string? Value(string key) => section[key] is { Length: > 0 } value ? value : legacy[key];
        return new ModelsSettings
        {
            Provider = Value("Provider") is { Length: > 0 } provider ? provider.Trim() : null,
            Aliases = Merge(section, legacy, "Aliases", c => c.Value is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null),
            Fallbacks = Merge(section, legacy, "Fallbacks", c => (IReadOnlyList<string>)(c.Value is { Length: > 0 } single
                ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [.. c.GetChildren().Select(x => x.Value).OfType<string>()])),
            MaxOutputTokens = Int(Value("MaxOutputTokens"), 4096),
            MaxAttempts = Int(Value("Retry:MaxAttempts"), 3),
            RetryBaseDelay = TimeSpan.FromMilliseconds(Int(Value("Retry:BaseDelayMs"), 1000)),
            RetryMaxDelay = TimeSpan.FromMilliseconds(Int(Value("Retry:MaxDelayMs"), 30_000)),
            FirstTokenTimeout = TimeSpan.FromSeconds(Int(Value("FirstTokenTimeoutSeconds"), 120)),
            DefaultMaxConcurrency = Int(Value("MaxConcurrency"), 4),
            MaxConcurrency = Merge(section, legacy, "Endpoints", c => c["MaxConcurrency"] is { } raw ? (int?)Int(raw, 4) : null)
                .Where(p => p.Value is not null)
                .ToDictionary(p => p.Key, p => p.Value!.Value, StringComparer.OrdinalIgnoreCase),
        };
    }

    /// <summary>The old keys still in use, for a note that they can move (empty when there are none).</summary>
    public static IReadOnlyList<string> LegacyKeys(IConfiguration legacy) =>
        [.. legacy.AsEnumerable(makePathsRelative: true).Where(p => p.Value is not null).Select(p => $"{LegacySection}:{p.Key}")];

    /// <summary>One entry per child name of either section; a child under the plugin's section replaces its old twin whole.</summary>
    private static Dictionary<string, T> Merge<T>(IConfiguration section, IConfiguration legacy, string name, Func<IConfigurationSection, T?> read)
    {
        var merged = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in legacy.GetSection(name).GetChildren().Concat(section.GetSection(name).GetChildren()))
        {
            if (read(child) is { } value)
            {
                merged[child.Key] = value;
            }
        }

        return merged;
    }

    private static int Int(string? raw, int fallback) =>
        int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
