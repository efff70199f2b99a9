using MediatR;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <see cref="GetTaskOutput"/>, sent by <c>/tasklog &lt;ID&gt;</c>, the card's Log button and
/// <c>GET /api/tasks/{id}/output</c>: the output so far, live for a task running here. Chat shows its end.
/// </summary>
public static class TaskLog
{
    /// <summary>How much of the end of the output fits in a message.</summary>
    public const int Tail = 3500;

    public static readonly CommandDescriptor Descriptor = new(
        "tasklog", "Show a task's latest output", "<ID>", [],
        (arguments, _) => new GetTaskOutput(arguments.Required(0, "the id of the task, e.g. /tasklog k3x9p2")));

    internal sealed class Handler(TaskStore store, RunningTasks running, TaskViews views) : IRequestHandler<GetTaskOutput, TaskOutput>
    {
        public async Task<TaskOutput> Handle(GetTaskOutput request, CancellationToken cancellationToken)
        {
            var task = await store.RequireAsync(request.TaskId, cancellationToken);
            var text = await store.OutputAsync(task.Id, cancellationToken) + running.Find(task.Id)?.Pending;
            return new TaskOutput(await views.OneAsync(task, cancellationToken), text);
        }
    }

    internal sealed class Renderer : IReplyRenderer<TaskOutput>
    {
        public ValueTask<Reply> RenderAsync(TaskOutput result, CommandContext context, CancellationToken cancellationToken)
        {
            var (task, output) = (result.Task, result.Text.Trim());
            if (output.Length == 0)
            {
                return ValueTask.FromResult(Reply.Plain($"Task {task.Id} ({task.State.Describe()}) has no output yet."));
            }

            var header = $"Task {task.Id} · {task.State.Describe()} · output";
            return ValueTask.FromResult(output.Length <= Tail
                ? Reply.Plain($"{header}:\n\n{output}")
                : Reply.Plain($"{header}, last {Tail:N0} of {output.Length:N0} characters (all of it: GET /api/tasks/{task.Id}/output):\n\n…{output[^Tail..]}"));
        }
    }
}
