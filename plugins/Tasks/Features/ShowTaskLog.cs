using MediatR;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary><c>/tasklog &lt;ID&gt;</c> or the card's Log button: the latest output, live for a task running here.</summary>
public static class ShowTaskLog
{
    /// <summary>How much of the end of the output fits in a message.</summary>
    public const int Tail = 3500;

    public static readonly CommandDescriptor Descriptor = new(
        "tasklog", "Show a task's latest output", "<ID>", [],
        (arguments, _) => new Command(arguments.Required(0, "the id of the task, e.g. /tasklog k3x9p2")));

    [Access(AccessLevel.Owner)]
    [Audited]
    [NotRateLimited]
    public sealed record Command(string TaskId) : IRequest<Reply>, ITaskRequest;

    internal sealed class Handler(TaskStore store, RunningTasks running) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var task = await store.RequireAsync(request.TaskId, cancellationToken);
            var output = (await store.OutputAsync(task.Id, cancellationToken) + running.Find(task.Id)?.Pending).Trim();
            if (output.Length == 0)
            {
                return Reply.Plain($"Task {task.Id} ({task.Status.Describe()}) has no output yet.");
            }

            var header = $"Task {task.Id} · {task.Status.Describe()} · output";
            return output.Length <= Tail
                ? Reply.Plain($"{header}:\n\n{output}")
                : Reply.Plain($"{header}, last {Tail:N0} of {output.Length:N0} characters (all of it: GET /api/tasks/{task.Id}/output):\n\n…{output[^Tail..]}");
        }
    }
}
