using MediatR;
using Microsoft.Extensions.Configuration;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Costs;
using PluginBot.Abstractions.Llm;
using PluginBot.Plugins.Costs.Estimates;
using PluginBot.Plugins.Costs.Pricing;

namespace PluginBot.Plugins.Costs.Features;

/// <summary>Answers <see cref="EstimateCost"/>: the router names the model, the catalog prices it, the tokenizer counts the prompt.</summary>
internal sealed class EstimateCostHandler(IModelRouter router, IEnumerable<ILlmEndpoint> endpoints, CostEstimator estimator, IConfiguration configuration, IActorAccessor actor)
    : IRequestHandler<EstimateCost, CostEstimate>
{
    public async Task<CostEstimate> Handle(EstimateCost request, CancellationToken cancellationToken)
    {
        var resolved = await router.ResolveAsync(request.Model, new LlmCallContext { Actor = actor.Current!, Purpose = "estimate" }, cancellationToken: cancellationToken);
        var endpoint = endpoints.FirstOrDefault(e => string.Equals(e.Name, resolved.Reference.Endpoint, StringComparison.OrdinalIgnoreCase));
        var maxOutput = request.MaxOutputTokens ?? (long.TryParse(configuration["Models:MaxOutputTokens"], out var configured) && configured > 0 ? configured : 4096);
        return estimator.Estimate(new ModelTarget(resolved.Reference.Endpoint, endpoint?.Kind ?? "", resolved.Reference.Model, endpoint?.IsLocal ?? false), request.Prompt, maxOutput, request.Calls);
    }
}
