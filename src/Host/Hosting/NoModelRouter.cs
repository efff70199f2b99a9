using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;

namespace PluginBot.Host.Hosting;

/// <summary>
/// Stands in for the router while no plugin provides one (the Models plugin disabled or failed): a model call
/// fails with a message that says so, instead of a missing service deep in the container.
/// </summary>
internal sealed class NoModelRouter : IModelRouter
{
    public const string Message = "No model router: the Models plugin is not active. Run `pluginbot plugins` to see why, or remove Plugins:Models:Enabled=false.";

    public Task<ResolvedModel> ResolveAsync(string? requestedModel, LlmCallContext context, ConversationReference? conversation = null, CancellationToken cancellationToken = default) =>
        throw new ModelNotAvailableException(Message);

    public Task<IReadOnlyList<ModelListing>> ListModelsAsync(CancellationToken cancellationToken = default) =>
        throw new ModelNotAvailableException(Message);
}
