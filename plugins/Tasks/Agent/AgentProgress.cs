using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Tasks;

namespace PluginBot.Plugins.Tasks.Agent;

/// <summary>
/// How far one run of the agent loop got: the model steps done and the conversation last checkpointed. Model calls
/// and tool calls both save through here, so the same conversation is not written twice in a row.
/// </summary>
internal sealed class AgentProgress(ITaskExecution execution)
{
    private (int Step, int Messages, int LastContents) _saved = Shape(execution.Checkpoint?.Step ?? 0, execution.Checkpoint?.Messages ?? []);

    /// <summary>Model steps completed, across resumes.</summary>
    public int Steps { get; set; } = execution.Checkpoint?.Step ?? 0;

    /// <summary>Saves <paramref name="conversation"/> unless the last checkpoint already holds it.</summary>
    public async Task SaveAsync(IReadOnlyList<ChatMessage> conversation, CancellationToken cancellationToken)
    {
        var shape = Shape(Steps, conversation);
        if (shape == _saved)
        {
            return;
        }

        await execution.SaveCheckpointAsync(new TaskCheckpoint(Steps, [.. conversation]), cancellationToken);
        _saved = shape;
    }

    // The conversation only grows, by messages or by results added to the last tool message, so its shape tells.
    private static (int, int, int) Shape(int step, IReadOnlyList<ChatMessage> conversation) =>
        (step, conversation.Count, conversation.Count == 0 ? 0 : conversation[^1].Contents.Count);
}
