using System.ComponentModel.DataAnnotations;

namespace HelloPlugin;

/// <summary>Settings under <c>Plugins:Hello</c> (environment: <c>Plugins__Hello__Greeting</c>).</summary>
public sealed class HelloOptions
{
    /// <summary>The word the greeting starts with.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "set a greeting word such as 'Hello'")]
    [StringLength(40, ErrorMessage = "a greeting is at most 40 characters")]
    public string Greeting { get; set; } = "Hello";
}
