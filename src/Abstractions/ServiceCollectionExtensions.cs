using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PluginBot.Abstractions.Commands;
using PluginBot.Abstractions.Plugins;
using PluginBot.Abstractions.Replies;
using PluginBot.Abstractions.Storage;

namespace PluginBot.Abstractions;

/// <summary>A request type that button tokens may carry.</summary>
/// <param name="RequestType">The request type.</param>
public sealed record ButtonActionRegistration(Type RequestType);

/// <summary>Registration helpers for plugins.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Registers a chat command.</summary>
    public static IServiceCollection AddCommand(this IServiceCollection services, CommandDescriptor command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return services.AddSingleton(command);
    }

    /// <summary>Adds a variant to another plugin's command (see <see cref="CommandExtension"/>). Since host API 2.1.</summary>
    public static IServiceCollection AddCommandExtension(this IServiceCollection services, CommandExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return services.AddSingleton(extension);
    }

    /// <summary>Routes messages that are not commands to <paramref name="route"/> (see <see cref="TextMessageRoute"/>).</summary>
    public static IServiceCollection AddTextMessageRoute(this IServiceCollection services, TextMessageRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return services.AddSingleton(route);
    }

    /// <summary>Allows <typeparamref name="TRequest"/> to be stored behind a button token.</summary>
    public static IServiceCollection AddButtonAction<TRequest>(this IServiceCollection services)
        where TRequest : MediatR.IBaseRequest =>
        services.AddSingleton(new ButtonActionRegistration(typeof(TRequest)));

    /// <summary>Renders <typeparamref name="TResult"/> for chat (see <see cref="IReplyRenderer{TResult}"/>).</summary>
    public static IServiceCollection AddReplyRenderer<TResult, TRenderer>(this IServiceCollection services)
        where TRenderer : class, IReplyRenderer<TResult> =>
        services.AddScoped<IReplyRenderer<TResult>, TRenderer>();

    /// <summary>
    /// Registers the plugin's own <see cref="DbContext"/> on the host database, with its own migrations history
    /// table. The host applies its migrations at start.
    /// </summary>
    public static IServiceCollection AddPluginDbContext<TContext>(this IServiceCollection services, PluginContext context)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(context);
        var historyTable = StorageConventions.MigrationsHistoryTable(context.Manifest.Id);
        services.AddDbContext<TContext>((provider, options) =>
            provider.GetRequiredService<IPluginDatabase>().Configure(options, historyTable));
        services.AddSingleton(new PluginDbContextRegistration(typeof(TContext), context.Manifest.Id));
        return services;
    }
}
