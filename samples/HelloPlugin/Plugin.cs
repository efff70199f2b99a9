using HelloPlugin.Features;
using HelloPlugin.Pipeline;
using HelloPlugin.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Actors;
using PluginBot.Abstractions.Plugins;

[assembly: PluginManifest("hello", "Hello", OptionalDependencies = ["tasks"], Description = "Greets people with /hello and remembers whom it greeted.")]

namespace HelloPlugin;

/// <summary>The entry point: it only registers services. Handlers, validators and behaviours are found by the host.</summary>
public sealed class Plugin : IPlugin, IEndpointContributor, IHealthCheckContributor
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.BindOptions<HelloOptions>(services);
        services.AddPluginDbContext<HelloDbContext>(context);
        services.AddSingleton<RequestCounter>();
        services.AddCommand(SayHello.Descriptor);
        // /greetlater queues a task: offered only when the Tasks plugin is loaded and running.
        if (context.IsActive("tasks"))
        {
            services.AddCommand(GreetLater.Descriptor);
        }

        context.Logger.LogInformation("Greeting people with '{Greeting}'", options.Greeting);
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/hello/stats", (IActorAccessor actor, RequestCounter counter) =>
            actor.Current is null ? Results.Unauthorized() : Results.Ok(counter.Snapshot()));

    public void AddHealthChecks(IHealthChecksBuilder builder) =>
        builder.AddCheck<GreetingsTableCheck>("greetings");
}
