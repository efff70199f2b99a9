using System.Globalization;
using MediatR;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <c>/taskstop &lt;ID&gt;</c> or the card's Stop button: cancels a queued, waiting or running task. The stop is a
/// compare-and-set: when the task ended first, the reply says how and when, and nothing is overwritten.
/// </summary>
public static class StopTask
{
    public static readonly CommandDescriptor Descriptor = new(
        "taskstop", "Stop a task", "<ID>", [],
        (arguments, _) => new Command(arguments.Required(0, "the id of the task to stop, e.g. /taskstop k3x9p2")));

    [Access(AccessLevel.Owner)]
    [Audited]
    public sealed record Command(string TaskId) : IRequest<Reply>, ITaskRequest;

    internal sealed class Handler(TaskStore store, RunningTasks running, IActorAccessor actor) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken) =>
            Reply.Plain(Describe(await StopAsync(store, running, actor.Current!, request.TaskId, cancellationToken)));
    }

    /// <summary>The compare-and-set behind every stop (command, button, HTTP).</summary>
    internal static async Task<Move> StopAsync(TaskStore store, RunningTasks running, Actor by, string typedId, CancellationToken cancellationToken)
    {
        var task = await store.RequireAsync(typedId, cancellationToken);
        var move = await store.MoveAsync(task.Id, TaskStates.Active, TaskState.Cancelled, by.ToString(), $"stopped by {by}", t => t.Stage = null, cancellationToken: cancellationToken);
        if (move.Made)
        {
            running.Stop(task.Id, StopReason.Stopped);
        }

        return move;
    }

    internal static string Describe(Move move)
    {
        var task = move.Task!;
        if (move.Made)
        {
            return $"Stopped task {task.Id}.";
        }

        var when = task.FinishedAtUtc is { } at ? string.Create(CultureInfo.InvariantCulture, $" at {at:HH:mm} UTC") : "";
        return $"Task {task.Id} already {task.Status.Describe()}{when}; nothing to stop.";
    }
}
