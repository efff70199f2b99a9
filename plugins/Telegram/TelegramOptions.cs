using Microsoft.Extensions.Options;

namespace PluginBot.Plugins.Telegram;

/// <summary>
/// The section <c>Plugins:Telegram</c> as the operator wrote it, bound by the options framework. Values stay text here
/// so that a bad one is reported in words (<see cref="TelegramOptionsValidator"/>) instead of failing the binder;
/// <see cref="TelegramSettings.From"/> turns checked options into typed settings.
/// </summary>
internal sealed class TelegramOptions
{
    public string? BotToken { get; set; }

    public string? ApiUrl { get; set; }

    public string? WebhookUrl { get; set; }

    public string? WebhookSecret { get; set; }

    public string? PollTimeoutSeconds { get; set; }

    public string? MaxConcurrentConversations { get; set; }

    public string? UseDrafts { get; set; }

    public TelegramLimitsOptions Limits { get; set; } = new();

    /// <summary>Never the token: options may be logged or shown by tools that print objects.</summary>
    public override string ToString() => $"Telegram options (Bot API {ApiUrl ?? "default"})";
}

/// <summary><c>Plugins:Telegram:Limits</c>, in milliseconds (see <see cref="SendLimits"/>).</summary>
internal sealed class TelegramLimitsOptions
{
    public string? PrivateChatSpacingMs { get; set; }

    public string? GroupSpacingMs { get; set; }

    public string? GlobalSpacingMs { get; set; }

    public string? DraftRefreshMs { get; set; }
}

/// <summary>Checks <see cref="TelegramOptions"/> and names every bad setting, by its flat name when it has one.</summary>
/// <param name="settingName">How to name a key to a person (<see cref="Abstractions.Plugins.PluginContext.SettingName"/>).</param>
internal sealed class TelegramOptionsValidator(Func<string, string> settingName) : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        TelegramSettings.Parse(options, settingName, problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
