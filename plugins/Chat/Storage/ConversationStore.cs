using Microsoft.EntityFrameworkCore;

namespace PluginBot.Plugins.Chat.Storage;

/// <summary>Reads and writes conversations; the open conversation of a key is the one without an end.</summary>
internal sealed class ConversationStore(ChatDbContext db, TimeProvider time)
{
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

    public async Task<IReadOnlyList<MessageRow>> MessagesAsync(long conversationId, CancellationToken cancellationToken) =>
        await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync(cancellationToken);

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
