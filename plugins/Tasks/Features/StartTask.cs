using MediatR;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Engine;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary><c>/task &lt;prompt&gt; [--model M] [--budget USD] [--project P] [--after ID]</c>: queues a task and shows its card.</summary>
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
        (arguments, context) => new Command(arguments.Text, arguments.Value("model"), arguments.Number("budget"), arguments.Value("project"), arguments.Value("after"), context.Conversation)
        {
            IdempotencyKey = context.IdempotencyKey,
        });

    [Audited]
    public sealed record Command(string Prompt, string? Model, decimal? BudgetUsd, string? Project, string? After, ConversationReference? Conversation) : IRequest<Reply>
    {
        /// <summary>The transport's key of the message; the same message handled twice queues one task.</summary>
        public string? IdempotencyKey { get; init; }
    }

    internal sealed class Handler(TaskCreator creator, TaskCards cards, IActorAccessor actor, ILogger<Handler> logger) : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var (task, created) = await creator.CreateOnceAsync(
                new TaskDraft(request.Prompt, request.Model, request.BudgetUsd, request.Project, request.After, request.Conversation)
                {
                    IdempotencyKey = request.IdempotencyKey,
                },
                actor.Current!,
                cancellationToken);
            if (request.Conversation is null)
            {
                return Reply.Plain($"Task {task.Id} queued.");
            }

            if (!created && task.CardMessageId is not null)
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
