using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.Host.Storage;

namespace PluginBot.Host.Settings;

/// <summary>Settings in <c>kernel_settings</c>, keyed by scope: <c>bot</c>, <c>user:&lt;id&gt;</c>, <c>chat:&lt;transport&gt;:&lt;chat&gt;[/&lt;thread&gt;]</c>.</summary>
internal sealed class SettingsStore(KernelDbContext db, IConfiguration configuration, TimeProvider time) : ISettingsStore
{
    public async Task<string?> GetAsync(string key, SettingScope scope, CancellationToken cancellationToken = default)
    {
        var name = ScopeName(scope);
        return await db.Settings.AsNoTracking()
            .Where(s => s.Scope == name && s.Key == key)
            .Select(s => s.Value)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetAsync(string key, SettingScope scope, string? value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var name = ScopeName(scope);
        var row = await db.Settings.FirstOrDefaultAsync(s => s.Scope == name && s.Key == key, cancellationToken);
        if (value is null)
        {
            if (row is not null)
            {
                db.Settings.Remove(row);
            }
        }
        else if (row is null)
        {
            db.Settings.Add(new SettingRow { Scope = name, Key = key, Value = value, UpdatedAtUtc = time.GetUtcNow().UtcDateTime });
        }
        else
        {
            (row.Value, row.UpdatedAtUtc) = (value, time.GetUtcNow().UtcDateTime);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<string?> ResolveAsync(string key, long? userId, ConversationReference? chat, string? explicitValue = null, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrEmpty(explicitValue))
        {
            return explicitValue;
        }

        var scopes = new List<string>(3);
        if (chat is not null)
        {
            scopes.Add(ScopeName(new SettingScope.Chat(chat)));
        }

        if (userId is { } user)
        {
            scopes.Add(ScopeName(new SettingScope.User(user)));
        }

        scopes.Add(ScopeName(new SettingScope.Bot()));
        var stored = await db.Settings.AsNoTracking()
            .Where(s => s.Key == key && scopes.Contains(s.Scope))
            .ToDictionaryAsync(s => s.Scope, s => s.Value, cancellationToken);
        foreach (var scope in scopes)
        {
            if (stored.TryGetValue(scope, out var value))
            {
                return value;
            }
        }

        return configuration[$"Settings:{key}"] is { Length: > 0 } fallback ? fallback : null;
    }

    internal static string ScopeName(SettingScope scope) => scope switch
    {
        SettingScope.Bot => "bot",
        SettingScope.User user => FormattableString.Invariant($"user:{user.UserId}"),
        SettingScope.Chat chat => $"chat:{chat.Conversation}",
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown setting scope."),
    };
}
