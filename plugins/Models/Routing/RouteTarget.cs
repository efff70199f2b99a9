using Microsoft.Extensions.AI;
using PluginBot.Abstractions.Llm;

namespace PluginBot.Plugins.Models.Routing;

/// <summary>One model in a call's chain (the primary, then its fallbacks) with its endpoint and client.</summary>
internal sealed record RouteTarget(ModelReference Reference, ILlmEndpoint Endpoint, IChatClient Client);
