using MediatR;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <c>/task &lt;prompt&gt; [--model M] [--budget USD] [--project P] [--after ID]</c>: queues the task through
/// <see cref="EnqueueTask"/> and shows its card, which then follows the task.
/// </summary>
public static class StartTask
{
    public static readonly CommandDescriptor Descriptor = new(
        "task",
        "Run a task in the background",
        "<prompt> [--model M] [--budget USD] [--project P] [--after ID]",
        [
            new FlagSpec("model", true, "The model (alias or endpoint:model); the chat's model by default"),
            new FlagSpec("budget", true, "The most the task may spend, in dollars, e.g. 0.50"),
            new FlagSpec("project", true, "The project it belongs to; the chat's project by default (/project)"),
            new FlagSpec("after", true, "Start only when this task has completed"),
        ],
        (arguments, context) => new Command(new EnqueueTask(arguments.Text)
        {
            Model = arguments.Value("model"),
            Budget = arguments.Number("budget") is { } budget ? Usd.FromDollars(budget) : null,
            Project = arguments.Value("project"),
            After = arguments.Value("after"),
            Conversation = context.Conversation,
            Origin = "chat",
            // The transport's key of the message: the same message handled twice queues one task.
            IdempotencyKey = context.IdempotencyKey,
        }));

    /// <summary>The chat side of <see cref="EnqueueTask"/>: the task is queued (and audited) by that request.</summary>
    public sealed record Command(EnqueueTask Task) : IRequest<Reply>;

    internal sealed class Handler(IMediator mediator, TaskStore store, TaskCards cards, ILogger<Handler> logger) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var view = await mediator.Send(request.Task, cancellationToken);
            var task = await store.FindAsync(view.Id, cancellationToken);
            if (task is null || task.CardMessageId is not null)
            {
                // The same message handled again (a crash before it was marked handled): its card is already in the chat.
                return Reply.None;
            }

            try
            {
                await cards.SendAsync(task, cancellationToken);
                return Reply.None;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The task is queued and runs; only its card is missing, so say so rather than "something went wrong".
                logger.LogWarning("The card of task {Task} could not be sent: {Error}", task.Id, ex.Message);
                return Reply.Plain($"Task {task.Id} is queued, but its card could not be shown ({ex.Message}). /taskstatus {task.Id} shows it.");
            }
        }
    }
}
