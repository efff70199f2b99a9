using System.Globalization;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <see cref="StopTask"/>, sent by <c>/taskstop &lt;ID&gt;</c>, the card's Stop button and <c>POST /api/tasks/{id}/stop</c>:
/// cancels a queued, waiting or running task. The stop is a compare-and-set: when the task ended first, the result says
/// how and when, and nothing is overwritten.
/// </summary>
public static class TaskStop
{
    public static readonly CommandDescriptor Descriptor = new(
        "taskstop", "Stop a task", "<ID>", [],
        (arguments, _) => new StopTask(arguments.Required(0, "the id of the task to stop, e.g. /taskstop k3x9p2")));

    internal sealed class Handler(TaskStore store, RunningTasks running, TaskViews views, IActorAccessor actor) : IRequestHandler<StopTask, TaskStopResult>
    {
        public async Task<TaskStopResult> Handle(StopTask request, CancellationToken cancellationToken)
        {
            var by = actor.Current!;
            var task = await store.RequireAsync(request.TaskId, cancellationToken);
            var move = await store.MoveAsync(task.Id, TaskStates.Active, TaskState.Cancelled, by.ToString(), $"stopped by {by}", t => t.Stage = null, cancellationToken: cancellationToken);
            if (move.Made)
            {
                running.Stop(task.Id, StopReason.Stopped);
            }

            return new TaskStopResult(move.Made, await views.OneAsync(move.Task!, cancellationToken));
        }
    }

    /// <summary>"Stopped task k3x9p2." or how and when it had already ended.</summary>
    public static string Describe(TaskStopResult result)
    {
        var task = result.Task;
        if (result.Stopped)
        {
            return $"Stopped task {task.Id}.";
        }

        var when = task.FinishedAtUtc is { } at ? string.Create(CultureInfo.InvariantCulture, $" at {at:HH:mm} UTC") : "";
        return $"Task {task.Id} already {task.State.Describe()}{when}; nothing to stop.";
    }

    internal sealed class Renderer : IReplyRenderer<TaskStopResult>
    {
        public ValueTask<Reply> RenderAsync(TaskStopResult result, CommandContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Reply.Plain(Describe(result)));
    }
}
