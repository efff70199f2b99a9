using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Cards;
using PluginBot.Plugins.Tasks.Features;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Notices;

/// <summary>
/// Tells the owner how a task ended, in the chat and topic it came from (their private chat for tasks started over
/// HTTP), and turns its card final. Delivered at least once: after a crash the notice may repeat, never go missing.
/// </summary>
internal sealed class TaskFinishedNotifier(TaskStore store, TaskCards cards, TaskSpend spend, IMessenger messenger, IButtonTokens buttons, IOptions<TasksOptions> options)
    : INotificationHandler<TaskFinished>
{
    /// <summary>Longer answers arrive as a Markdown document, with their first lines in the message.</summary>
    public const int LongAnswer = 3000;

    public async Task Handle(TaskFinished notification, CancellationToken cancellationToken)
    {
        var task = await store.FindAsync(notification.TaskId, cancellationToken);
        if (task is null)
        {
            return;
        }

        await cards.RefreshAsync(task, cancellationToken);
        var spent = await spend.ForAsync(task.Id, cancellationToken);
        var reply = task.Status switch
        {
            TaskState.Completed => Completed(task, spent),
            TaskState.Failed => await WithRetryAsync(Reply.Plain($"❌ Task {task.Id} failed: {task.Error}"), task, null, "Retry", cancellationToken),
            TaskState.BudgetExceeded => await BudgetExceededAsync(task, spent, cancellationToken),
            _ => null, // cancelled: the person who stopped it was told; the card shows it
        };
        if (reply is null)
        {
            return;
        }

        if (task.Transport is { } transport && task.ChatId is { } chat)
        {
            await messenger.SendAsync(new ConversationReference(transport, chat, task.ThreadId), reply, cancellationToken);
        }
        else
        {
            await messenger.NotifyUserAsync(task.OwnerId, reply, cancellationToken);
        }
    }

    private static Reply Completed(TaskRow task, SpendSummary? spent)
    {
        var answer = (task.Answer ?? "").Trim();
        var header = string.Create(CultureInfo.InvariantCulture, $"✅ Task {task.Id} completed in {TaskCard.Duration(TimeSpan.FromMilliseconds(task.RanForMs))} · spent {spent?.ToString() ?? "unknown"}");
        if (answer.Length <= LongAnswer)
        {
            return Reply.Markdown(answer.Length == 0 ? $"{Escape(header)}\n\n_(no answer)_" : $"{Escape(header)}\n\n{answer}");
        }

        var document = new ReplyAttachment(AttachmentKind.Document, $"task-{task.Id}.md", Encoding.UTF8.GetBytes(answer));
        return Reply.Plain($"{header}\n{task.Summary}\nThe whole answer is attached ({answer.Length:N0} characters).") with { Attachment = document };
    }

    private async Task<Reply> BudgetExceededAsync(TaskRow task, SpendSummary? spent, CancellationToken cancellationToken)
    {
        Usd? cap = task.BudgetCapMicros is { } micros ? Usd.FromMicros(micros) : null;
        var text = new StringBuilder($"💸 Task {task.Id} stopped at its budget");
        if (cap is { } limit)
        {
            text.Append(CultureInfo.InvariantCulture, $": spent {spent?.ToString() ?? "unknown"} of {limit}");
        }

        text.Append(". Its work so far is kept.\n").Append(task.Error);
        // The doubled budget (at most what a task may have), for the one-press way on; /taskretry takes any other.
        if (cap >= options.Value.MaxBudget)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nIt had the most a task may have ({options.Value.MaxBudget}, Plugins:Tasks:MaxBudgetUsd).");
            return Reply.Plain(text.ToString());
        }

        var higher = cap is { } c ? options.Value.RetryBudgetAfter(c) : (Usd?)null;
        var label = higher is { } h ? $"Retry with {h}" : "Retry";
        return await WithRetryAsync(Reply.Plain(text.ToString()), task, higher, label, cancellationToken);
    }

    private async Task<Reply> WithRetryAsync(Reply reply, TaskRow task, Usd? budget, string label, CancellationToken cancellationToken)
    {
        var owner = Engine.TaskRunner.Describe(task).Owner;
        var token = await buttons.IssueAsync(new RetryTask.Command(task.Id, budget?.Micros), owner, TimeSpan.FromDays(90), cancellationToken);
        return reply with { Buttons = [[new ReplyButton(label, token)]] };
    }

    private static string Escape(string text) => text.Replace("_", "\\_", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal);
}
