using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Chat.Features;

/// <summary>How models are named to people: by alias when they have one, else as <c>endpoint:model</c>.</summary>
internal static class ModelLabels
{
    public static string Name(ModelListing listing) => listing.Aliases.Count > 0 ? listing.Aliases[0] : listing.Reference.ToString();

    /// <summary>The model the chat (or, without one, the person) uses now, or null when none is configured.</summary>
    public static async Task<ResolvedModel?> CurrentAsync(IModelRouter router, LlmCallContext context, PluginBot.Abstractions.Replies.ConversationReference? conversation, CancellationToken cancellationToken)
    {
        try
        {
            return await router.ResolveAsync(null, context, conversation, cancellationToken);
        }
        catch (ModelNotAvailableException)
        {
            return null;
        }
    }
}
