using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Tasks;
using PluginBot.Plugins.Tasks.Engine;
using PluginBot.Plugins.Tasks.Features;
using PluginBot.Plugins.Tasks.Model;
using PluginBot.Plugins.Tasks.Storage;

namespace PluginBot.Plugins.Tasks.Cards;

/// <summary>
/// Sends a task's card once, into the conversation it came from, and edits that same message afterwards — never a
/// new message per change. An edit that would show the same text is skipped.
/// </summary>
internal sealed class TaskCards(
    IServiceScopeFactory scopes,
    IMessenger messenger,
    ILogger<TaskCards> logger)
{
    private static readonly TimeSpan ButtonLifetime = TimeSpan.FromDays(90);
    private readonly ConcurrentDictionary<string, string> _shown = new(StringComparer.Ordinal);

    /// <summary>Sends the card of a new task (with its buttons, issued once) and records where it is.</summary>
    public async Task SendAsync(TaskRow task, CancellationToken cancellationToken)
    {
        if (task.Transport is null || task.ChatId is null)
        {
            return;
        }

        var owner = TaskRunner.Describe(task).Owner;
        await using var scope = scopes.CreateAsyncScope();
        var buttons = scope.ServiceProvider.GetRequiredService<IButtonTokens>();
        task.StopToken = await buttons.IssueAsync(new StopTask(task.Id), owner, ButtonLifetime, cancellationToken);
        task.LogToken = await buttons.IssueAsync(new GetTaskOutput(task.Id), owner, ButtonLifetime, cancellationToken);
        task.RetryToken = await buttons.IssueAsync(new RetryTask.Command(task.Id), owner, ButtonLifetime, cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<TasksDbContext>();
        var card = TaskCard.Render(await scope.ServiceProvider.GetRequiredService<TaskViews>().OneAsync(task, cancellationToken), CardButtons.Of(task));
        var sent = await messenger.SendAsync(new ConversationReference(task.Transport, task.ChatId, task.ThreadId), card, cancellationToken);
        _shown[task.Id] = card.Text;
        // Not a version bump: where the card is does not decide anything a compare-and-set guards.
        await db.Tasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.CardMessageId, sent.MessageId)
            .SetProperty(t => t.StopToken, task.StopToken)
            .SetProperty(t => t.LogToken, task.LogToken)
            .SetProperty(t => t.RetryToken, task.RetryToken), cancellationToken);
        if (await scope.ServiceProvider.GetRequiredService<TaskStore>().FindAsync(task.Id, cancellationToken) is { Status: not TaskState.Queued })
        {
            await RefreshAsync(task.Id, cancellationToken); // it moved on before its card was recorded
        }
    }

    /// <summary>Edits the card to the task's current state, if it has a card and the text changed.</summary>
    public async Task RefreshAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<TaskStore>().FindAsync(id, cancellationToken) is { } task)
        {
            await RefreshAsync(task, cancellationToken);
        }
    }

    /// <summary>
    /// Edits the cards of the first <paramref name="max"/> queued tasks that have one, so each follows its place in
    /// the queue (only a card whose text changed is edited).
    /// </summary>
    public async Task RefreshQueuedAsync(int max, CancellationToken cancellationToken)
    {
        List<TaskRow> queued;
        await using (var scope = scopes.CreateAsyncScope())
        {
            queued = await scope.ServiceProvider.GetRequiredService<TasksDbContext>().Tasks.AsNoTracking()
                .Where(t => t.Status == TaskState.Queued && t.CardMessageId != null)
                .OrderBy(t => t.CreatedAtUtc).Take(max).ToListAsync(cancellationToken);
        }

        foreach (var task in queued)
        {
            await RefreshAsync(task, cancellationToken);
        }
    }

    /// <summary>Edits the card to <paramref name="task"/> as read just now.</summary>
    public async Task RefreshAsync(TaskRow task, CancellationToken cancellationToken)
    {
        var id = task.Id;
        if (task is not { CardMessageId: { } messageId, Transport: { } transport, ChatId: { } chat })
        {
            return;
        }

        Reply card;
        await using (var scope = scopes.CreateAsyncScope())
        {
            card = TaskCard.Render(await scope.ServiceProvider.GetRequiredService<TaskViews>().OneAsync(task, cancellationToken), CardButtons.Of(task));
        }

        if (_shown.TryGetValue(id, out var shown) && shown == card.Text)
        {
            return;
        }

        try
        {
            await messenger.EditAsync(new MessageReference(transport, chat, task.ThreadId, messageId), card, cancellationToken);
            _shown[id] = card.Text;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A deleted card or a transport hiccup: the next beat tries again; the task does not care.
            logger.LogWarning("Could not refresh the card of task {Task}: {Error}", id, ex.Message);
        }

        if (task.Status.IsFinal())
        {
            _shown.TryRemove(id, out _);
        }
    }
}
