using Microsoft.AspNetCore.Routing;

namespace PluginBot.Abstractions.Plugins;

/// <summary>Optional: implemented by an <see cref="IPlugin"/> that serves HTTP endpoints.</summary>
public interface IEndpointContributor
{
    /// <summary>Maps the plugin's endpoints. Paths should start with <c>/api/&lt;plugin-id&gt;</c> or similar.</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
