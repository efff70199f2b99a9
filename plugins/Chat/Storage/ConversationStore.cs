using Microsoft.EntityFrameworkCore;
using PluginBot.Plugins.Chat.Answering;

namespace PluginBot.Plugins.Chat.Storage;

/// <summary>Reads and writes conversations; the open conversation of a key is the one without an end.</summary>
internal sealed class ConversationStore(ChatDbContext db, TimeProvider time)
{
    private const int PageSize = 64;

    public Task<ConversationRow?> FindOpenAsync(ConversationKey key, CancellationToken cancellationToken) =>
        db.Conversations
            .Where(c => c.UserId == key.UserId && c.Transport == key.Transport && c.ChatId == key.ChatId && c.ThreadId == key.ThreadId && c.EndedAtUtc == null)
            .OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);

    public async Task<ConversationRow> OpenAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        if (await FindOpenAsync(key, cancellationToken) is { } open)
        {
            return open;
        }

        var row = new ConversationRow
        {
            Transport = key.Transport,
            ChatId = key.ChatId,
            ThreadId = key.ThreadId,
            UserId = key.UserId,
            StartedAtUtc = Now,
        };
        db.Conversations.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row;
    }

    /// <summary>Ends the open conversation, so the next message starts a fresh one; false when none was open.</summary>
    public async Task<bool> EndAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        if (await FindOpenAsync(key, cancellationToken) is not { } open)
        {
            return false;
        }

        open.EndedAtUtc = Now;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Adds a message, unless the conversation was deleted meanwhile (by /forget); false then.</summary>
    public async Task<bool> AppendAsync(long conversationId, string role, string text, CancellationToken cancellationToken)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, cancellationToken))
        {
            return false;
        }

        db.Messages.Add(new MessageRow { ConversationId = conversationId, Role = role, Text = text, CreatedAtUtc = Now });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The newest messages, oldest first, as far back as <paramref name="tokenBudget"/> (estimated) reaches plus one
    /// message: read newest first a page at a time, so a conversation never cleared does not make each turn read more.
    /// </summary>
    public async Task<IReadOnlyList<MessageRow>> RecentAsync(long conversationId, int tokenBudget, CancellationToken cancellationToken)
    {
        var newestFirst = new List<MessageRow>();
        var tokens = 0L;
        var before = long.MaxValue;
        while (tokens <= tokenBudget)
        {
            var page = await db.Messages.AsNoTracking()
                .Where(m => m.ConversationId == conversationId && m.Id < before)
                .OrderByDescending(m => m.Id)
                .Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                newestFirst.Add(row);
                tokens += HistoryWindow.EstimateTokens(row.Text);
                if (tokens > tokenBudget)
                {
                    break;
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }

            before = page[^1].Id;
        }

        newestFirst.Reverse();
        return newestFirst;
    }

    /// <summary>The newest message, and the newest the user wrote (a retry asks that question again).</summary>
    public async Task<(MessageRow? Last, MessageRow? LastQuestion)> LastAsync(long conversationId, CancellationToken cancellationToken)
    {
        var messages = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderByDescending(m => m.Id);
        return (await messages.FirstOrDefaultAsync(cancellationToken), await messages.FirstOrDefaultAsync(m => m.Role == MessageRow.User, cancellationToken));
    }

    /// <summary>How many messages a conversation holds and their estimated tokens, counted by the database.</summary>
    public async Task<(int Messages, long Tokens)> SizeAsync(long conversationId, CancellationToken cancellationToken)
    {
        var size = await db.Messages.Where(m => m.ConversationId == conversationId)
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Tokens = g.Sum(m => (m.Text.Length + 3L) / 4) })
            .FirstOrDefaultAsync(cancellationToken);
        return size is null ? (0, 0) : (size.Count, size.Tokens);
    }

    /// <summary>Deletes every conversation of a user, in all chats; returns the number of messages deleted.</summary>
    public async Task<(int Conversations, int Messages)> DeleteAllAsync(long userId, CancellationToken cancellationToken)
    {
        var conversations = db.Conversations.Where(c => c.UserId == userId).Select(c => c.Id);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var messages = await db.Messages.Where(m => conversations.Contains(m.ConversationId)).ExecuteDeleteAsync(cancellationToken);
        var deleted = await db.Conversations.Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (deleted, messages);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
