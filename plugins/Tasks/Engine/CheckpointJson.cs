using System.Text.Json;
using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Engine;

/// <summary>Checkpoints as JSON, with Microsoft.Extensions.AI's own serializer settings for messages and their contents.</summary>
internal static class CheckpointJson
{
    // Compact: a checkpoint is rewritten after every step.
    private static readonly JsonSerializerOptions Options = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    private sealed record Stored(int Step, List<ChatMessage> Messages, string? State);

    public static string Write(TaskCheckpoint checkpoint) =>
        JsonSerializer.Serialize(new Stored(checkpoint.Step, [.. checkpoint.Messages], checkpoint.State), Options);

    public static TaskCheckpoint? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        var stored = JsonSerializer.Deserialize<Stored>(json, Options)
            ?? throw new JsonException("The checkpoint is empty.");
        return new TaskCheckpoint(stored.Step, stored.Messages, stored.State);
    }
}
