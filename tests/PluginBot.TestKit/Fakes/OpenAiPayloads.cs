using System.Text.Json.Nodes;

namespace PluginBot.TestKit.Fakes;

/// <summary>JSON shapes of OpenAI chat completions: the whole answer, stream chunks, usage, errors.</summary>
internal static class OpenAiPayloads
{
    public static JsonObject Completion(string id, long created, string model, FakeReply reply)
    {
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = reply.ToolCalls.Count > 0 && reply.Text.Length == 0 ? null : reply.Text,
            ["refusal"] = null,
        };
        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray(reply.ToolCalls.Select(call => (JsonNode)new JsonObject
            {
                ["id"] = call.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.ArgumentsJson },
            }).ToArray());
        }

        return new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion",
            ["created"] = created,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = message,
                ["logprobs"] = null,
                ["finish_reason"] = FinishReason(reply),
            }),
            ["usage"] = Usage(reply.Usage),
            ["system_fingerprint"] = "fp_fake",
        };
    }

    /// <summary>The SSE frames of a streamed answer, ending with <c>data: [DONE]</c>.</summary>
    public static List<string> StreamFrames(string id, long created, string model, FakeReply reply, bool includeUsage)
    {
        var frames = new List<string>();
        void Add(JsonObject delta, string? finishReason) =>
            frames.Add(Frame(Chunk(id, created, model, includeUsage, new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["delta"] = delta,
                ["logprobs"] = null,
                ["finish_reason"] = finishReason,
            }))));

        Add(new JsonObject { ["role"] = "assistant", ["content"] = "", ["refusal"] = null }, null);
        foreach (var piece in ScriptedPieces.Split(reply.Text, reply.Chunks))
        {
            Add(new JsonObject { ["content"] = piece }, null);
        }

        for (var index = 0; index < reply.ToolCalls.Count; index++)
        {
            var call = reply.ToolCalls[index];
            Add(ToolCallDelta(index, new JsonObject { ["name"] = call.Name, ["arguments"] = "" }, call), null);
            foreach (var piece in ScriptedPieces.Split(call.ArgumentsJson, call.ArgumentChunks))
            {
                Add(ToolCallDelta(index, new JsonObject { ["arguments"] = piece }, null), null);
            }
        }

        Add([], FinishReason(reply));
        if (includeUsage)
        {
            var last = Chunk(id, created, model, includeUsage: false, []);
            last["usage"] = Usage(reply.Usage);
            frames.Add(Frame(last));
        }

        frames.Add("data: [DONE]\n\n");
        return frames;
    }

    public static JsonObject Error(FakeError error) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = error.Message,
            ["type"] = error.Type,
            ["param"] = error.Param,
            ["code"] = error.Code,
        },
    };

    public static byte[] Malformed(MalformedFrame kind) => kind == MalformedFrame.GarbageBytes
        ? [.. "data: "u8, 0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x0A, 0x0A]
        : "data: {\"id\": \"chatcmpl-broken\", \"choices\": [\n\n"u8.ToArray();

    private static JsonObject Chunk(string id, long created, string model, bool includeUsage, JsonArray choices)
    {
        var chunk = new JsonObject
        {
            ["id"] = id,
            ["object"] = "chat.completion.chunk",
            ["created"] = created,
            ["model"] = model,
            ["system_fingerprint"] = "fp_fake",
            ["choices"] = choices,
        };
        if (includeUsage)
        {
            chunk["usage"] = null;
        }

        return chunk;
    }

    private static JsonObject ToolCallDelta(int index, JsonObject function, FakeToolCall? opening)
    {
        var toolCall = new JsonObject { ["index"] = index };
        if (opening is not null)
        {
            toolCall["id"] = opening.Id;
            toolCall["type"] = "function";
        }

        toolCall["function"] = function;
        return new JsonObject { ["tool_calls"] = new JsonArray(toolCall) };
    }

    private static JsonObject Usage(FakeUsage usage) => new()
    {
        ["prompt_tokens"] = usage.InputTokens,
        ["completion_tokens"] = usage.OutputTokens,
        ["total_tokens"] = usage.InputTokens + usage.OutputTokens,
        ["prompt_tokens_details"] = new JsonObject { ["cached_tokens"] = usage.CachedInputTokens, ["audio_tokens"] = 0 },
        ["completion_tokens_details"] = new JsonObject
        {
            ["reasoning_tokens"] = usage.ReasoningTokens,
            ["audio_tokens"] = 0,
            ["accepted_prediction_tokens"] = 0,
            ["rejected_prediction_tokens"] = 0,
        },
    };

    private static string FinishReason(FakeReply reply) => reply.FinishReason ?? (reply.ToolCalls.Count > 0 ? "tool_calls" : "stop");

    private static string Frame(JsonObject chunk) => $"data: {chunk.ToJsonString()}\n\n";
}
