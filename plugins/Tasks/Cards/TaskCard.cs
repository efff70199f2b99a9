using System.Globalization;
using System.Text;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>
/// The task card: status, elapsed time, model, spend against the budget, what it is doing now, and its buttons (Stop
/// and Log while it is active, Log and Retry once it has ended). Plain text: prompts are shown as they were typed.
/// </summary>
internal static class TaskCard
{
    private const int PromptShown = 300;

    public static Reply Render(TaskRow task, RunningTask? live, SpendSummary? spent, int? queuePosition, DateTime nowUtc)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Task {task.Id} · {task.Status.Describe()}");
        if (Elapsed(task, live, nowUtc) is { } elapsed)
        {
            text.Append(" · ").Append(Duration(elapsed));
        }

        text.Append('\n').Append(task.Prompt.Length > PromptShown ? task.Prompt[..PromptShown] + "…" : task.Prompt).Append('\n');
        var details = new List<string> { $"Model: {task.Model ?? "default"}" };
        if (task.Project is { } project)
        {
            details.Add($"Project: {project}");
        }

        if (task.RetryOf is { } retryOf)
        {
            details.Add($"Retry {task.RetryCount} of {retryOf}");
        }

        text.Append(string.Join(" · ", details)).Append('\n');
        text.Append("Spent: ").Append(spent?.ToString() ?? "unknown");
        if (task.BudgetCapMicros is { } cap)
        {
            text.Append(" of ").Append(Money.Format(cap));
        }

        text.Append('\n');
        if (task.Status == TaskState.Queued && queuePosition is { } position)
        {
            text.Append(CultureInfo.InvariantCulture, $"Position {position} in the queue\n");
        }

        if (task.Status == TaskState.Waiting)
        {
            text.Append(CultureInfo.InvariantCulture, $"Starts when task {task.After} completes\n");
        }

        if (task.Status == TaskState.Running)
        {
            var stage = live?.Stage.ToString() ?? task.Stage ?? "starting";
            var step = live?.Step ?? task.Step;
            text.Append(CultureInfo.InvariantCulture, $"Now: {stage} (step {step + 1})\n");
        }

        if (task.Resumed)
        {
            text.Append("Resumed after restart\n");
        }

        if (task.Error is { } error)
        {
            text.Append("Why: ").Append(error).Append('\n');
        }
        else if (task.Status == TaskState.Completed && task.Summary is { } summary)
        {
            text.Append(summary).Append('\n');
        }

        return Reply.Plain(text.ToString().TrimEnd()) with { Buttons = Buttons(task) };
    }

    private static IReadOnlyList<IReadOnlyList<ReplyButton>> Buttons(TaskRow task)
    {
        var row = new List<ReplyButton>();
        if (!task.Status.IsFinal() && task.StopToken is { } stop)
        {
            row.Add(new ReplyButton("Stop", stop));
        }

        if (task.LogToken is { } log)
        {
            row.Add(new ReplyButton("Log", log));
        }

        if (task.Status.IsFinal() && task.RetryToken is { } retry)
        {
            row.Add(new ReplyButton("Retry", retry));
        }

        return row.Count == 0 ? [] : [row];
    }

    private static TimeSpan? Elapsed(TaskRow task, RunningTask? live, DateTime nowUtc) => task.Status switch
    {
        TaskState.Running when live is not null => TimeSpan.FromMilliseconds(live.RanForMs),
        TaskState.Running when task.StartedAtUtc is { } started => nowUtc - started,
        _ when task.Status.IsFinal() && task.StartedAtUtc is not null => TimeSpan.FromMilliseconds(task.RanForMs),
        _ => null,
    };

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
        : span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.Seconds)}s");
}
