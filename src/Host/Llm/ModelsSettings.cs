using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace PluginBot.Host.Llm;

/// <summary>
/// The router's settings: <c>Models:Provider</c> (LLM_PROVIDER), <c>Models:Aliases:&lt;alias&gt;</c>,
/// <c>Models:Fallbacks:&lt;name&gt;:&lt;n&gt;</c>, <c>Models:MaxOutputTokens</c>, <c>Models:Retry:*</c>,
/// <c>Models:FirstTokenTimeoutSeconds</c>, <c>Models:Endpoints:&lt;name&gt;:MaxConcurrency</c>.
/// </summary>
internal sealed record ModelsSettings
{
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

    public static ModelsSettings Load(IConfiguration configuration)
    {
        var models = configuration.GetSection("Models");
        return new ModelsSettings
        {
            Provider = models["Provider"] is { Length: > 0 } provider ? provider.Trim() : null,
            Aliases = models.GetSection("Aliases").GetChildren()
                .Where(c => !string.IsNullOrWhiteSpace(c.Value))
                .ToDictionary(c => c.Key, c => c.Value!.Trim(), StringComparer.OrdinalIgnoreCase),
            Fallbacks = models.GetSection("Fallbacks").GetChildren().ToDictionary(
                c => c.Key,
                c => (IReadOnlyList<string>)(c.Value is { Length: > 0 } single
                    ? single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [.. c.GetChildren().Select(x => x.Value).OfType<string>()]),
                StringComparer.OrdinalIgnoreCase),
            MaxOutputTokens = Int(models["MaxOutputTokens"], 4096),
            MaxAttempts = Int(models["Retry:MaxAttempts"], 3),
            RetryBaseDelay = TimeSpan.FromMilliseconds(Int(models["Retry:BaseDelayMs"], 1000)),
            RetryMaxDelay = TimeSpan.FromMilliseconds(Int(models["Retry:MaxDelayMs"], 30_000)),
            FirstTokenTimeout = TimeSpan.FromSeconds(Int(models["FirstTokenTimeoutSeconds"], 120)),
            DefaultMaxConcurrency = Int(models["MaxConcurrency"], 4),
            MaxConcurrency = models.GetSection("Endpoints").GetChildren()
                .Where(c => c["MaxConcurrency"] is not null)
                .ToDictionary(c => c.Key, c => Int(c["MaxConcurrency"], 4), StringComparer.OrdinalIgnoreCase),
        };
    }

    private static int Int(string? raw, int fallback) =>
        int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
