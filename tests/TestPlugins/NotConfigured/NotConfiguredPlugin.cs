using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PluginBot.Abstractions.Plugins;

namespace PluginBot.TestPlugins.NotConfigured;

/// <summary>Binds options with a required setting; NotConfigured until Plugins:NotConfigured:ApiKey is set.</summary>
public sealed class NotConfiguredPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.BindOptions<ApiOptions>(services);
    }
}

/// <summary>The plugin's settings.</summary>
public sealed class ApiOptions
{
    [Required]
    public string? ApiKey { get; set; }
}

/// <summary>Shows the configured key's length, proving the options reached the handler.</summary>
public static class KeyLength
{
    public sealed record Query : IRequest<string>;

    public sealed class Handler(IOptions<ApiOptions> options) : IRequestHandler<Query, string>
    {
        public Task<string> Handle(Query request, CancellationToken cancellationToken) =>
            Task.FromResult($"key length {options.Value.ApiKey!.Length}");
    }
}
