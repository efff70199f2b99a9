using System.ComponentModel.DataAnnotations;

namespace PluginBot.Plugins.Chat;

/// <summary>Settings of the section <c>Plugins:Chat</c>.</summary>
internal sealed class ChatOptions
{
    /// <summary>How many tokens of conversation history (system prompt included) are sent with each message.</summary>
    [Range(100, 2_000_000, ErrorMessage = "set a token budget between 100 and 2000000, e.g. 8000")]
    public int HistoryTokenBudget { get; set; } = 8000;
}
