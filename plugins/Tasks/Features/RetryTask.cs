using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Errors;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Requests;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Features;

/// <summary>
/// <c>/taskretry &lt;ID&gt; [--budget USD]</c> or a Retry button: shows what the retry will be — the original
/// parameters, the budget it gets (what is left of the original's by default), its retry count and a cost estimate —
/// and runs it only when the owner confirms. Confirming twice starts one retry.
/// </summary>
public static class RetryTask
{
    public static readonly CommandDescriptor Descriptor = new(
        "taskretry", "Retry a task that ended (asks to confirm)", "<ID> [--budget USD]",
        [new FlagSpec("budget", true, "The retry's budget in dollars; what is left of the original's by default")],
        (arguments, _) => new Command(
            arguments.Required(0, "the id of the task to retry, e.g. /taskretry k3x9p2"),
            BudgetUsd: arguments.Number("budget")));

    /// <summary>
    /// Asks to confirm a retry. A typed budget comes in dollars (any amount, checked by the handler); the Retry
    /// button of a budget notice carries micro-dollars.
    /// </summary>
    [Access(AccessLevel.Owner)]
    [Audited]
    public sealed record Command(string TaskId, long? BudgetMicros = null, decimal? BudgetUsd = null) : IRequest<Reply>, ITaskRequest;

    /// <summary>The Confirm button: starts the retry.</summary>
    [Access(AccessLevel.Owner)]
    [Audited]
    public sealed record Confirm(string TaskId, long? BudgetMicros, int RetryCount) : IRequest<Reply>, ITaskRequest;

    /// <summary>The Cancel button.</summary>
    [Access(AccessLevel.Owner)]
    [Audited]
    public sealed record Dismiss(string TaskId) : IRequest<Reply>, ITaskRequest;

    internal sealed class Handler(
        TaskStore store, TasksDbContext db, TaskCreator creator, TaskSpend spend, IMediator mediator, IButtonTokens buttons, IActorAccessor actor, IOptions<TasksOptions> options)
        : IRequestHandler<Command, Reply>
    {
        public async Task<Reply> Handle(Command request, CancellationToken cancellationToken)
        {
            var task = await store.RequireAsync(request.TaskId, cancellationToken);
            await EnsureRetryableAsync(db, task, task.RetryCount + 1, cancellationToken);
            var spent = await spend.ForAsync(task.Id, cancellationToken);
            var asked = request.BudgetUsd is { } usd ? Checked(Usd.FromDollars(usd)) : request.BudgetMicros is { } micros ? Checked(Usd.FromMicros(micros)) : (long?)null;
            var budget = asked ?? Remaining(task, spent);
            var text = new StringBuilder($"Retry task {task.Id}?\n");
            text.Append(task.Prompt.Length > 300 ? task.Prompt[..300] + "…" : task.Prompt).Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"Model: {task.Model ?? "default"}").Append(task.Project is { } p ? $" · Project: {p}" : "").Append('\n');
            text.Append("Budget: ").Append(BudgetLine(task, spent, asked, budget)).Append('\n');
            text.Append(CultureInfo.InvariantCulture, $"This will be retry {task.RetryCount + 1}").Append(task.RetryCount > 0 ? $" (the task was retried {task.RetryCount} time(s) before)" : "").Append(".\n");
            text.Append(task.Status != TaskState.Completed && task.Step > 0
                ? $"It goes on from step {task.Step + 1} with the conversation so far.\n"
                : "It starts afresh.\n");
            text.Append("Estimated cost per step: ").Append(await EstimateAsync(task, cancellationToken));

            var owner = actor.Current!;
            var confirm = await buttons.IssueAsync(new Confirm(task.Id, budget, task.RetryCount + 1), owner, TimeSpan.FromDays(1), cancellationToken);
            var cancel = await buttons.IssueAsync(new Dismiss(task.Id), owner, TimeSpan.FromDays(1), cancellationToken);
            return Reply.Plain(text.ToString()) with { Buttons = [[new ReplyButton("Confirm", confirm), new ReplyButton("Cancel", cancel)]] };
        }

        private long Checked(Usd usd)
        {
            var errors = new List<FieldError>();
            var checkedMicros = creator.CheckBudget(usd, errors);
            return errors.Count > 0 ? throw new RequestValidationException(errors) : checkedMicros!.Value;
        }

        private long? Remaining(TaskRow task, SpendSummary? spent)
        {
            if (task.BudgetCapMicros is not { } cap)
            {
                return null;
            }

            var left = cap - (spent?.Cost.Micros ?? 0);
            var suggested = options.Value.RetryBudgetAfter(Usd.FromMicros(cap));
            return left > 0 ? left : throw new ConflictException(
                $"Task {task.Id} spent its whole budget ({spent} of {Usd.FromMicros(cap)}); give the retry one, e.g. /taskretry {task.Id} --budget {suggested.Dollars:0.######}");
        }

        private static string BudgetLine(TaskRow task, SpendSummary? spent, long? asked, long? budget) => (asked, budget, task.BudgetCapMicros) switch
        {
            (not null, { } b, _) => $"{Usd.FromMicros(b)} (as you asked)",
            (null, { } b, { } cap) => $"{Usd.FromMicros(b)}, what is left of {Usd.FromMicros(cap)} after {spent?.ToString() ?? "unknown"} spent",
            _ => "none (the task had no budget; add one with --budget USD)",
        };

        private async Task<string> EstimateAsync(TaskRow task, CancellationToken cancellationToken)
        {
            try
            {
                return (await mediator.Send(new EstimateCost(task.Model, task.Prompt), cancellationToken)).ToString();
            }
            catch (Exception ex) when (ex is InvalidOperationException or PluginBotException)
            {
                return "unknown";
            }
        }
    }

    internal sealed class ConfirmHandler(TaskStore store, TasksDbContext db, TaskCreator creator, TaskCards cards, IActorAccessor actor, ILogger<ConfirmHandler> logger)
        : IRequestHandler<Confirm, Reply>
    {
        public async Task<Reply> Handle(Confirm request, CancellationToken cancellationToken)
        {
            var task = await store.RequireAsync(request.TaskId, cancellationToken);
            await EnsureRetryableAsync(db, task, request.RetryCount, cancellationToken);
            TaskRow retry;
            try
            {
                retry = await creator.CreateRetryAsync(task, request.BudgetMicros, actor.Current!, cancellationToken);
            }
            catch (DbUpdateException)
            {
                await EnsureRetryableAsync(db, task, request.RetryCount, cancellationToken); // a second press, at the same moment
                throw;
            }

            var started = $"Retrying task {task.Id} as task {retry.Id}.";
            try
            {
                await cards.SendAsync(retry, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The retry is queued and runs; only its card is missing, so say so rather than "something went wrong".
                logger.LogWarning("The card of task {Task} could not be sent: {Error}", retry.Id, ex.Message);
                started += $" Its card could not be shown ({ex.Message}); /taskstatus {retry.Id} shows it.";
            }

            return Reply.Plain(started) with { ReplacesOrigin = true };
        }
    }

    internal sealed class DismissHandler : IRequestHandler<Dismiss, Reply>
    {
        public Task<Reply> Handle(Dismiss request, CancellationToken cancellationToken) =>
            Task.FromResult(Reply.Plain($"Retry of task {request.TaskId} cancelled.") with { ReplacesOrigin = true });
    }

    /// <summary>A task is retried once it has ended, and once: a second retry goes from the first.</summary>
    private static async Task EnsureRetryableAsync(TasksDbContext db, TaskRow task, int retryCount, CancellationToken cancellationToken)
    {
        if (!task.Status.IsFinal())
        {
            throw new ConflictException($"Task {task.Id} is still {task.Status.Describe()}: stop it first (/taskstop {task.Id}) or wait for it to end.");
        }

        var earlier = await db.Tasks.AsNoTracking().Where(t => t.RetryOf == task.Id && t.RetryCount == retryCount).Select(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        if (earlier is not null)
        {
            throw new ConflictException($"Task {task.Id} was already retried as task {earlier}; retry that one instead (/taskretry {earlier}).");
        }
    }
}
