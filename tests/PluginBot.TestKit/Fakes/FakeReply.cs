namespace PluginBot.TestKit.Fakes;

/// <summary>
/// One scripted answer of an LLM fake. The same script drives every protocol: each fake renders it in its own
/// wire format (OpenAI SSE chunks, Ollama NDJSON lines, Anthropic stream events).
/// </summary>
public sealed record FakeReply
{
    public string Text { get; init; } = "Hello from the fake model.";

    /// <summary>How many streamed pieces <see cref="Text"/> is split into.</summary>
    public int Chunks { get; init; } = 1;

    /// <summary>Pause before every streamed frame after the first.</summary>
    public TimeSpan ChunkDelay { get; init; }

    public IReadOnlyList<FakeToolCall> ToolCalls { get; init; } = [];

    public FakeUsage Usage { get; init; } = new(12, 7);

    /// <summary>Answer with this HTTP error instead of a completion.</summary>
    public FakeError? Error { get; init; }

    /// <summary>Cut the connection after this many streamed frames (the opening frame counts); every frame before arrives.</summary>
    public int? CutAfterFrames { get; init; }

    /// <summary>
    /// Send this many streamed frames (the opening frame counts), then hold the stream open, sending nothing more,
    /// until the client gives up or the fake stops: an answer caught midway, for a test to stop.
    /// </summary>
    public int? PauseAfterFrames { get; init; }

    /// <summary>Send a broken frame right after the opening one.</summary>
    public MalformedFrame? Malformed { get; init; }

    /// <summary>
    /// Hold the stream after <see cref="HoldAfterFrames"/> frames until this task completes (or the client gives up):
    /// a test decides when a slow answer goes on, instead of guessing how long it takes. A task that never completes
    /// holds the answer until the client stops it.
    /// </summary>
    public Task? HoldUntil { get; init; }

    /// <summary>
    /// Where <see cref="HoldUntil"/> holds the stream: after this many frames (the opening frame counts). OpenAI's
    /// opening frame carries no text, so 2 holds it after the first piece of text.
    /// </summary>
    public int HoldAfterFrames { get; init; } = 1;

    /// <summary>Never answer: hold the request until the client gives up or the fake stops.</summary>
    public bool Hang { get; init; }

    /// <summary>Price in USD sent in <c>x-litellm-response-cost</c> on non-streamed OpenAI-compatible answers.</summary>
    public decimal? Cost { get; init; }

    /// <summary>Overrides the provider's finish reason (<c>stop</c>/<c>length</c>, <c>end_turn</c>/<c>max_tokens</c>).</summary>
    public string? FinishReason { get; init; }

    public static FakeReply WithText(string text, int chunks = 1) => new() { Text = text, Chunks = chunks };

    public static FakeReply WithError(FakeError error) => new() { Error = error };

    public static FakeReply WithToolCalls(params FakeToolCall[] calls) => new() { Text = "", ToolCalls = calls };

    public static FakeReply Hanging() => new() { Hang = true };
}

/// <summary>A tool call the model makes; the streamed arguments are split into <paramref name="ArgumentChunks"/> pieces.</summary>
public sealed record FakeToolCall(string Id, string Name, string ArgumentsJson, int ArgumentChunks = 3);

/// <summary>Token counts reported by the fake (cached = read from the prompt cache).</summary>
public sealed record FakeUsage(
    int InputTokens,
    int OutputTokens,
    int CachedInputTokens = 0,
    int ReasoningTokens = 0,
    int CacheCreationInputTokens = 0);

/// <summary>An HTTP error as the provider sends it; each fake renders <see cref="Type"/>, <see cref="Code"/> in its own body.</summary>
public sealed record FakeError(int Status, string Type, string Message, string? Code = null, string? Param = null)
{
    /// <summary>Seconds sent in the <c>Retry-After</c> header.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>
    /// The <c>Retry-After</c> header exactly as sent, for values a provider should not send but might (<c>Infinity</c>,
    /// <c>1e300</c>, a date in the year 9999); wins over <see cref="RetryAfterSeconds"/>.
    /// </summary>
    public string? RetryAfterHeader { get; init; }

    /// <summary>The <c>retry-after-ms</c> header exactly as sent (OpenAI's milliseconds variant).</summary>
    public string? RetryAfterMsHeader { get; init; }
}

public enum MalformedFrame
{
    /// <summary>A data line whose payload is not JSON.</summary>
    NonJsonData,

    /// <summary>Raw bytes that are not UTF-8 text at all.</summary>
    GarbageBytes,
}
