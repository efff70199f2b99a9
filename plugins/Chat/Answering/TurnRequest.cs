using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Replies;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat.Answering;

/// <summary>One answer to produce: for new text, or again for the last question (<see cref="RetryOf"/>).</summary>
/// <param name="Key">Whose conversation.</param>
/// <param name="Conversation">Where to answer.</param>
/// <param name="Actor">Who asked; the answer runs as them.</param>
/// <param name="Text">The new message, or null for a retry.</param>
/// <param name="RetryOf">For a retry: the conversation whose last question is asked again.</param>
internal sealed record TurnRequest(ConversationKey Key, ConversationReference Conversation, Actor Actor, string? Text, long? RetryOf = null);
