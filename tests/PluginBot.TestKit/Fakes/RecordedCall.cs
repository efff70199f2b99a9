using System.Text.Json;

namespace PluginBot.TestKit.Fakes;

/// <summary>A request to a fake's generation endpoint, with its JSON body parsed for assertions.</summary>
public sealed record RecordedCall(string Path, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    public string? Model => Text("model");

    public JsonElement Messages => Property("messages") ?? default;

    public JsonElement? Tools => Property("tools");

    public int? MaxTokens => Number("max_tokens");

    public int? MaxCompletionTokens => Number("max_completion_tokens");

    /// <summary>OpenAI-compatible <c>stream_options.include_usage</c>.</summary>
    public bool IncludeUsage =>
        Property("stream_options") is { ValueKind: JsonValueKind.Object } options
        && options.TryGetProperty("include_usage", out var include)
        && include.ValueKind == JsonValueKind.True;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement? Property(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) ? value : null;

    public string? Text(string name) => Property(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public int? Number(string name) => Property(name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    /// <summary>The <c>stream</c> flag, or <paramref name="whenAbsent"/> (Ollama streams unless told not to).</summary>
    public bool Stream(bool whenAbsent = false) => Property("stream") switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => whenAbsent,
    };
}
