using PluginBot.Abstractions.Replies;

namespace PluginBot.Abstractions.Settings;

/// <summary>Well-known setting keys.</summary>
public static class SettingKeys
{
    /// <summary>The model reference to use.</summary>
    public const string Model = "model";

    /// <summary>A chat's system prompt.</summary>
    public const string SystemPrompt = "system_prompt";

    /// <summary>An IANA time zone name.</summary>
    public const string TimeZone = "timezone";

    /// <summary>The current project's name.</summary>
    public const string Project = "project";
}

/// <summary>Where a setting is stored.</summary>
public abstract record SettingScope
{
    /// <summary>The bot-wide value (overrides the configured default).</summary>
    public sealed record Bot : SettingScope;

    /// <summary>One user's value.</summary>
    /// <param name="UserId">The user.</param>
    public sealed record User(long UserId) : SettingScope;

    /// <summary>One chat's (and topic's) value.</summary>
    /// <param name="Conversation">The chat.</param>
    public sealed record Chat(ConversationReference Conversation) : SettingScope;
}

/// <summary>
/// Settings scoped to a user and a chat. Precedence when resolving: an explicit value, then the chat's,
/// then the user's, then the global stored value, then the configured default (<c>Settings:&lt;key&gt;</c>).
/// </summary>
public interface ISettingsStore
{
    /// <summary>The value stored in exactly this scope, or null.</summary>
    Task<string?> GetAsync(string key, SettingScope scope, CancellationToken cancellationToken = default);

    /// <summary>Stores a value in a scope; null removes it.</summary>
    Task SetAsync(string key, SettingScope scope, string? value, CancellationToken cancellationToken = default);

    /// <summary>Resolves a value by precedence.</summary>
    Task<string?> ResolveAsync(string key, long? userId, ConversationReference? chat, string? explicitValue = null, CancellationToken cancellationToken = default);
}
