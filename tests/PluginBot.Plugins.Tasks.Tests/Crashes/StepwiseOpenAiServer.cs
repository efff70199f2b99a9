using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PluginBot.TestKit.Fakes;

namespace PluginBot.Plugins.Tasks.Tests.Crashes;

/// <summary>
/// A slow OpenAI-compatible gateway that answers by request rather than from a queue, so concurrent tasks that are
/// killed and resumed in any order still get their own script: the task is the first user message, the step is one
/// more than the model's turns in the conversation. Steps before the last stream their text and call the tools in
/// <see cref="Tools"/> (<c>note</c> by default) in one turn; the last streams its text only. Every call is recorded with the host run that made it (each run calls under its own path,
/// <see cref="PathOf"/>), when it began and whether its whole stream was sent.
/// </summary>
/// <remarks>
/// <see cref="FakeOpenAiServer"/> answers from one queue in arrival order, which concurrent, killed and resumed tasks
/// cannot share; this fake reuses its base (recording, pacing) and writes the same SSE chunks.
/// </remarks>
internal sealed class StepwiseOpenAiServer(int steps, int chunks, TimeSpan chunkDelay) : ScriptedFakeServer
{
    private readonly ConcurrentQueue<StepCall> _stepCalls = new();

    public int Steps => steps;

    /// <summary>The tools each step but the last calls, in one turn.</summary>
    public IReadOnlyList<string> Tools { get; set; } = ["note"];

    public IReadOnlyCollection<StepCall> StepCalls => _stepCalls;

    /// <summary>The text the model streams for <paramref name="step"/> of the task with <paramref name="prompt"/>.</summary>
    public static string TextOf(string prompt, int step, int steps) =>
        $"{prompt} says step {step} of {steps}: " + string.Join(' ', Enumerable.Range(1, 12).Select(i => $"w{step}.{i}"));

    /// <summary>The task's whole output: the texts of its steps, a blank line between (as the agent writes them).</summary>
    public string OutputOf(string prompt) => string.Join("\n\n", Enumerable.Range(1, steps).Select(s => TextOf(prompt, s, steps)));

    /// <summary>The base path a host run calls the gateway under: <c>/run/{run}/v1</c>.</summary>
    public static string PathOf(int run) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"/run/{run}/v1");

    protected override void Map(IEndpointRouteBuilder routes) => routes.MapPost("/run/{run:int}/v1/chat/completions", CompleteAsync);

    private async Task CompleteAsync(HttpContext context, int run)
    {
        var call = await RecordCallAsync(context);
        if (call?.Property("messages") is not { ValueKind: JsonValueKind.Array } messages)
        {
            context.Response.StatusCode = 400;
            return;
        }

        var prompt = messages.EnumerateArray().Where(m => Role(m) == "user").Select(Content).FirstOrDefault() ?? "";
        var step = 1 + messages.EnumerateArray().Count(m => Role(m) == "assistant");
        var record = new StepCall(run, prompt, step, messages.GetArrayLength(), DateTimeOffset.UtcNow);
        _stepCalls.Enqueue(record);

        var last = step >= steps;
        var id = NewId("chatcmpl-");
        var frames = Frames(id, call.Model ?? "", TextOf(prompt, step, steps), last ? [] : Tools.Select(t => (Id: $"call_{step}_{t}_{Guid.NewGuid():N}", Name: t)).ToList(), step, call.IncludeUsage);
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        await SendFramesAsync(context, new FakeReply { ChunkDelay = chunkDelay }, frames, []);
        record.Delivered = true;
    }

    private List<string> Frames(string id, string model, string text, List<(string Id, string Name)> toolCalls, int step, bool includeUsage)
    {
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var frames = new List<string>();
        void Add(JsonObject delta, string? finish, JsonObject? usage = null)
        {
            var chunk = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = model,
                ["system_fingerprint"] = "fp_fake",
                ["choices"] = usage is null
                    ? new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["logprobs"] = null, ["finish_reason"] = finish })
                    : new JsonArray(),
            };
            if (includeUsage)
            {
                chunk["usage"] = usage;
            }

            frames.Add($"data: {chunk.ToJsonString()}\n\n");
        }

        Add(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null);
        var size = (text.Length + chunks - 1) / chunks;
        for (var start = 0; start < text.Length; start += size)
        {
            Add(new JsonObject { ["content"] = text[start..Math.Min(text.Length, start + size)] }, null);
        }

        for (var index = 0; index < toolCalls.Count; index++)
        {
            var arguments = toolCalls[index].Name == "note" ? $"{{\"topic\":\"step {step}\"}}" : "{}";
            Add(new JsonObject
            {
                ["tool_calls"] = new JsonArray(new JsonObject
                {
                    ["index"] = index,
                    ["id"] = toolCalls[index].Id,
                    ["type"] = "function",
                    ["function"] = new JsonObject { ["name"] = toolCalls[index].Name, ["arguments"] = arguments },
                }),
            }, null);
        }

        Add([], toolCalls.Count == 0 ? "stop" : "tool_calls");
        if (includeUsage)
        {
            Add([], null, new JsonObject { ["prompt_tokens"] = 12, ["completion_tokens"] = 7, ["total_tokens"] = 19 });
        }

        frames.Add("data: [DONE]\n\n");
        return frames;
    }

    private static string? Role(JsonElement message) =>
        message.TryGetProperty("role", out var role) ? role.GetString() : null;

    private static string? Content(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content))
        {
            return null;
        }

        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString(),
            JsonValueKind.Array => string.Concat(content.EnumerateArray()
                .Where(p => p.TryGetProperty("text", out _)).Select(p => p.GetProperty("text").GetString())),
            _ => null,
        };
    }
}

/// <summary>One generation call: the host run that made it, its task (prompt), step, when it began, and whether its whole stream was sent.</summary>
internal sealed class StepCall(int run, string prompt, int step, int messages, DateTimeOffset startedAt)
{
    private volatile bool _delivered;

    public int Run => run;

    public string Prompt => prompt;

    public int Step => step;

    public int Messages => messages;

    public DateTimeOffset StartedAt => startedAt;

    public bool Delivered
    {
        get => _delivered;
        set => _delivered = value;
    }
}
