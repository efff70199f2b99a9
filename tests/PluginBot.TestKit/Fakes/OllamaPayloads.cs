using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Fakes;

/// <summary>JSON shapes of Ollama's native <c>/api/chat</c>, <c>/api/tags</c>, <c>/api/version</c>.</summary>
internal static class OllamaPayloads
{
    private const long NanosPerToken = 20_000_000;

    /// <summary>NDJSON lines of a streamed answer: one per text piece, the tool calls, then the final "done" line.</summary>
    public static List<string> StreamLines(string model, DateTimeOffset now, FakeReply reply)
    {
        var lines = ScriptedPieces.Split(reply.Text, reply.Chunks)
            .Select(piece => Line(Partial(model, now, Message(piece))))
            .ToList();
        if (reply.ToolCalls.Count > 0)
        {
            lines.Add(Line(Partial(model, now, Message("", reply.ToolCalls))));
        }

        lines.Add(Line(Done(model, now, Message(""), reply)));
        return lines;
    }

    public static JsonObject Whole(string model, DateTimeOffset now, FakeReply reply) =>
        Done(model, now, Message(reply.Text, reply.ToolCalls), reply);

    public static JsonObject Tags(IEnumerable<string> models, DateTimeOffset now) => new()
    {
        ["models"] = new JsonArray(models.Select(name => (JsonNode)new JsonObject
        {
            ["name"] = name,
            ["model"] = name,
            ["modified_at"] = now.ToString("o"),
            ["size"] = 2_019_393_189L,
            ["digest"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name))),
            ["details"] = new JsonObject
            {
                ["parent_model"] = "",
                ["format"] = "gguf",
                ["family"] = "llama",
                ["families"] = new JsonArray("llama"),
                ["parameter_size"] = "3.2B",
                ["quantization_level"] = "Q4_K_M",
            },
        }).ToArray()),
    };

    public static JsonObject Error(FakeError error) => new() { ["error"] = error.Message };

    public static byte[] Malformed(MalformedFrame kind) => kind == MalformedFrame.GarbageBytes
        ? [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A]
        : "{\"model\":\"broken\",\"message\":{\n"u8.ToArray();

    private static JsonObject Partial(string model, DateTimeOffset now, JsonObject message) => new()
    {
        ["model"] = model,
        ["created_at"] = now.ToString("o"),
        ["message"] = message,
        ["done"] = false,
    };

    private static JsonObject Done(string model, DateTimeOffset now, JsonObject message, FakeReply reply)
    {
        var promptNanos = reply.Usage.InputTokens * NanosPerToken / 10;
        var evalNanos = reply.Usage.OutputTokens * NanosPerToken;
        const long loadNanos = 1_500_000;
        return new JsonObject
        {
            ["model"] = model,
            ["created_at"] = now.ToString("o"),
            ["message"] = message,
            ["done"] = true,
            ["done_reason"] = reply.FinishReason ?? "stop",
            ["total_duration"] = loadNanos + promptNanos + evalNanos,
            ["load_duration"] = loadNanos,
            ["prompt_eval_count"] = reply.Usage.InputTokens,
            ["prompt_eval_duration"] = promptNanos,
            ["eval_count"] = reply.Usage.OutputTokens,
            ["eval_duration"] = evalNanos,
        };
    }

    private static JsonObject Message(string content, IReadOnlyList<FakeToolCall>? toolCalls = null)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
        if (toolCalls is { Count: > 0 })
        {
            message["tool_calls"] = new JsonArray(toolCalls.Select(call => (JsonNode)new JsonObject
            {
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = JsonNode.Parse(call.ArgumentsJson) },
            }).ToArray());
        }

        return message;
    }

    private static string Line(JsonObject json) => json.ToJsonString() + "\n";
}
