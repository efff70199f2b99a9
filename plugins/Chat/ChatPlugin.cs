using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PluginBot.Abstractions;
using PluginBot.Abstractions.Plugins;
using PluginBot.Plugins.Chat.Answering;
using PluginBot.Plugins.Chat.Features;
using PluginBot.Plugins.Chat.Storage;

namespace PluginBot.Plugins.Chat;

/// <summary>Chat with the current model: plain messages are answered, streamed, with the conversation so far.</summary>
public sealed class ChatPlugin : IPlugin
{
    public void ConfigureServices(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.BindOptions<ChatOptions>(services);
        services.AddPluginDbContext<ChatDbContext>(context);
        services.AddScoped<ConversationStore>();
        services.AddScoped<PromptBuilder>();
        services.AddScoped<AnswerTurn>();
        services.AddSingleton<AnswerRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<AnswerRunner>());

        services.AddTextMessageRoute(Ask.Route);
        services.AddCommand(NewConversation.Descriptor);
        services.AddCommand(ForgetConversations.Descriptor);
        services.AddCommand(SetSystemPrompt.Descriptor);
        services.AddCommand(SetModel.Descriptor);
        services.AddCommand(ListModels.Descriptor);
        services.AddCommand(ShowStatus.Descriptor);
        services.AddButtonAction<RetryAnswer.Command>();
        services.AddButtonAction<SetModel.Command>();
        context.Logger.LogInformation("Chat history budget: {Budget} tokens per message", options.HistoryTokenBudget);
    }
}
