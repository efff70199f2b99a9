using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Fakes;

/// <summary>JSON shapes of the Anthropic Messages API: the message, the stream events, errors.</summary>
internal static class AnthropicPayloads
{
    public static JsonObject Message(string id, string model, FakeReply reply)
    {
        var content = new JsonArray();
        if (reply.Text.Length > 0 || reply.ToolCalls.Count == 0)
        {
            content.Add(new JsonObject { ["type"] = "text", ["text"] = reply.Text });
        }

        foreach (var call in reply.ToolCalls)
        {
            content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = JsonNode.Parse(call.ArgumentsJson) });
        }

        var message = Envelope(id, model, content, StopReason(reply), Usage(reply.Usage, reply.Usage.OutputTokens));
        return message;
    }

    /// <summary>The SSE events of a streamed message, from <c>message_start</c> to <c>message_stop</c>.</summary>
    public static List<string> StreamEvents(string id, string model, FakeReply reply)
    {
        var events = new List<string>
        {
            Event("message_start", new JsonObject
            {
                ["type"] = "message_start",
                ["message"] = Envelope(id, model, [], null, Usage(reply.Usage, outputTokens: 1)),
            }),
        };
        var index = 0;
        if (reply.Text.Length > 0 || reply.ToolCalls.Count == 0)
        {
            events.Add(BlockStart(index, new JsonObject { ["type"] = "text", ["text"] = "" }));
            events.Add(Event("ping", new JsonObject { ["type"] = "ping" }));
            events.AddRange(ScriptedPieces.Split(reply.Text, reply.Chunks)
                .Select(piece => BlockDelta(index, new JsonObject { ["type"] = "text_delta", ["text"] = piece })));
            events.Add(BlockStop(index++));
        }

        foreach (var call in reply.ToolCalls)
        {
            events.Add(BlockStart(index, new JsonObject { ["type"] = "tool_use", ["id"] = call.Id, ["name"] = call.Name, ["input"] = new JsonObject() }));
            events.AddRange(ScriptedPieces.Split(call.ArgumentsJson, call.ArgumentChunks)
                .Select(piece => BlockDelta(index, new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = piece })));
            events.Add(BlockStop(index++));
        }

        events.Add(Event("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = StopReason(reply), ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["output_tokens"] = reply.Usage.OutputTokens },
        }));
        events.Add(Event("message_stop", new JsonObject { ["type"] = "message_stop" }));
        return events;
    }

    public static JsonObject Error(FakeError error, string requestId) => new()
    {
        ["type"] = "error",
        ["error"] = new JsonObject { ["type"] = error.Type, ["message"] = error.Message },
        ["request_id"] = requestId,
    };

    public static byte[] Malformed(MalformedFrame kind) => kind == MalformedFrame.GarbageBytes
        ? [.. "event: content_block_delta\ndata: "u8, 0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A, 0x0A]
        : "event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\n\n"u8.ToArray();

    private static JsonObject Envelope(string id, string model, JsonArray content, string? stopReason, JsonObject usage) => new()
    {
        ["id"] = id,
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = content,
        ["stop_reason"] = stopReason,
        ["stop_sequence"] = null,
        ["usage"] = usage,
    };

    private static JsonObject Usage(FakeUsage usage, int outputTokens) => new()
    {
        ["input_tokens"] = usage.InputTokens,
        ["cache_creation_input_tokens"] = usage.CacheCreationInputTokens,
        ["cache_read_input_tokens"] = usage.CachedInputTokens,
        ["output_tokens"] = outputTokens,
    };

    private static string BlockStart(int index, JsonObject block) =>
        Event("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = index, ["content_block"] = block });

    private static string BlockDelta(int index, JsonObject delta) =>
        Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = index, ["delta"] = delta });

    private static string BlockStop(int index) =>
        Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = index });

    private static string StopReason(FakeReply reply) => reply.FinishReason ?? (reply.ToolCalls.Count > 0 ? "tool_use" : "end_turn");

    private static string Event(string name, JsonObject data) => $"event: {name}\ndata: {data.ToJsonString()}\n\n";
}
