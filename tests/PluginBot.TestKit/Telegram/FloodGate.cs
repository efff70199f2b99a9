namespace PluginBot.TestKit.Telegram;

/// <summary>Sliding-window flood control per chat and for the whole bot; callers hold the server's lock.</summary>
internal sealed class FloodGate
{
    private readonly Dictionary<long, Queue<DateTimeOffset>> _perChat = [];
    private readonly Queue<DateTimeOffset> _global = new();

    /// <summary>The seconds to wait before another send would be accepted, or null when it is accepted (and counted).</summary>
    public int? TryTake(FloodLimits limits, long chatId, bool isPrivate, DateTimeOffset now)
    {
        if (!limits.Enabled)
        {
            return null;
        }

        if (!_perChat.TryGetValue(chatId, out var chat))
        {
            _perChat[chatId] = chat = new Queue<DateTimeOffset>();
        }

        var chatLimit = isPrivate ? limits.PrivateChat : limits.GroupChat;
        var wait = Math.Max(Wait(chat, chatLimit, now), Wait(_global, limits.Global, now));
        if (wait > 0)
        {
            return wait;
        }

        chat.Enqueue(now);
        _global.Enqueue(now);
        return null;
    }

    private static int Wait(Queue<DateTimeOffset> sent, RateLimit limit, DateTimeOffset now)
    {
        while (sent.TryPeek(out var oldest) && now - oldest >= limit.Window)
        {
            sent.Dequeue();
        }

        if (sent.Count < limit.Count)
        {
            return 0;
        }

        var freeAt = sent.Peek() + limit.Window;
        return Math.Max(1, (int)Math.Ceiling((freeAt - now).TotalSeconds));
    }
}
