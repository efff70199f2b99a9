using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Llm;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Settings;
using PluginBot.Plugins.Models.Routing;

namespace PluginBot.Plugins.Models.Resolution;

/// <summary>
/// Resolves model names for a call: explicit, then the chat's and the user's saved model and LLM_MODEL (through
/// the settings store), then the default model of LLM_PROVIDER's endpoint.
/// </summary>
internal sealed class ModelRouter(LlmEndpoints endpoints, ISettingsStore settings, LlmRuntime runtime) : IModelRouter
{
    public async Task<ResolvedModel> ResolveAsync(string? requestedModel, LlmCallContext context, ConversationReference? conversation = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.Actor.Kind == ActorKind.System ? (long?)null : context.Actor.Id;
        var name = string.IsNullOrWhiteSpace(requestedModel)
            ? await settings.ResolveAsync(SettingKeys.Model, userId, conversation, cancellationToken: cancellationToken)
            : requestedModel;
        name ??= endpoints.ProviderDefault()
            ?? throw new ModelNotAvailableException("No model is configured: set LLM_MODEL (e.g. gateway:gpt-4o-mini) or LLM_PROVIDER with its default model, or name one with --model.");

        var (primary, alias) = endpoints.Names.Resolve(name);
        var chain = new[] { (primary, alias) }.Concat(endpoints.Names.FallbacksFor(name, primary)).Select(r => endpoints.Target(r.Item1)).ToList();
        return new ResolvedModel(primary, alias, new RoutedChatClient(chain, endpoints.Target, context, runtime));
    }

    public async Task<IReadOnlyList<ModelListing>> ListModelsAsync(CancellationToken cancellationToken = default)
    {
        var listings = new List<ModelListing>();
        foreach (var endpoint in endpoints.All)
        {
            IReadOnlyList<string> offered;
            var available = true;
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(10));
                offered = await endpoint.ListModelsAsync(timeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                available = false;
                offered = [.. new[] { endpoint.DefaultModel }.OfType<string>()];
            }

            listings.AddRange(offered.Select(model => new ModelReference(endpoint.Name, model)).Select(reference =>
                new ModelListing(reference, endpoints.AliasesOf(reference), available)));
        }

        // Aliases pointing at models the endpoints did not list are shown too, as unavailable.
        foreach (var (alias, reference) in endpoints.AliasTargets().Where(a => listings.All(l => l.Reference != a.Reference)))
        {
            listings.Add(new ModelListing(reference, [alias], Available: false));
        }

        return listings;
    }
}
