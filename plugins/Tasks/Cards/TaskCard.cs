using System.Globalization;
using System.Text;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Model;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>
/// The task card: status, elapsed time, model, spend against the budget, what it is doing now, and its buttons (Stop
/// and Log while it is active, Log and Retry once it has ended). Plain text: prompts are shown as they were typed.
/// </summary>
internal static class TaskCard
{
    private const int PromptShown = 300;

    /// <summary>The card of <paramref name="task"/>, with the buttons of its stored card (<paramref name="buttons"/>), if any.</summary>
    public static Reply Render(TaskView task, CardButtons? buttons)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Task {task.Id} · {task.State.Describe()}");
        if (task.State == TaskState.Running || (task.State.IsFinal() && task.StartedAtUtc is not null))
        {
            text.Append(" · ").Append(Duration(task.RanFor));
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

        // "schedule:k3x9p2" → "From schedule k3x9p2"; a person's own command or API call needs no mention.
        if (task.Origin?.Split(':', 2) is [var kind, var source])
        {
            details.Add($"From {kind} {source}");
        }

        text.Append(string.Join(" · ", details)).Append('\n');
        text.Append("Spent: ").Append(task.Spent?.ToString() ?? "unknown");
        if (task.Budget is { } cap)
        {
            text.Append(" of ").Append(cap);
        }

        text.Append('\n');
        if (task.State == TaskState.Queued && task.PlaceInQueue is { } position)
        {
            text.Append(CultureInfo.InvariantCulture, $"Position {position} in the queue\n");
        }

        if (task.State == TaskState.Waiting)
        {
            text.Append(CultureInfo.InvariantCulture, $"Starts when task {task.After} completes\n");
        }

        if (task.State == TaskState.Running)
        {
            text.Append(CultureInfo.InvariantCulture, $"Now: {task.Stage} (step {task.Step + 1})\n");
        }

        if (task.Resumed)
        {
            text.Append("Resumed after restart\n");
        }

        if (task.Error is { } error)
        {
            text.Append("Why: ").Append(error).Append('\n');
        }
        else if (task.State == TaskState.Completed && task.Summary is { } summary)
        {
            text.Append(summary).Append('\n');
        }

        return Reply.Plain(text.ToString().TrimEnd()) with { Buttons = buttons?.For(task.State) ?? [] };
    }

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}h {span.Minutes:00}m")
        : span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}m {span.Seconds:00}s")
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, span.Seconds)}s");
}

/// <summary>The button tokens of a stored card, issued once when it was first sent so refreshing it issues none.</summary>
internal sealed record CardButtons(string? Stop, string? Log, string? Retry)
{
    public static CardButtons? Of(Storage.TaskRow task) =>
        task.StopToken is null && task.LogToken is null && task.RetryToken is null ? null : new(task.StopToken, task.LogToken, task.RetryToken);

    /// <summary>Stop and Log while the task is active, Log and Retry once it has ended.</summary>
    public IReadOnlyList<IReadOnlyList<ReplyButton>> For(TaskState state)
    {
        var row = new List<ReplyButton>();
        if (!state.IsFinal() && Stop is { } stop)
        {
            row.Add(new ReplyButton("Stop", stop));
        }

        if (Log is { } log)
        {
            row.Add(new ReplyButton("Log", log));
        }

        if (state.IsFinal() && Retry is { } retry)
        {
            row.Add(new ReplyButton("Retry", retry));
        }

        return row.Count == 0 ? [] : [row];
    }
}
