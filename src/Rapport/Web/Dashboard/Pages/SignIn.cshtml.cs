using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages;

internal sealed class SignInModel(IRapportStore store) : PageModel
{
    public string? Error { get; private set; }

    public string? Email { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email, string? password, CancellationToken cancellationToken)
    {
        Email = email;
        var user = string.IsNullOrWhiteSpace(email) ? null : await store.FindUserAsync(email, cancellationToken);
        var hash = user is null ? null : await store.GetPasswordHashAsync(user.Id, cancellationToken);
        if (user is null || hash is null || string.IsNullOrEmpty(password) || !UserPasswords.Verify(hash, password))
        {
            // One message whatever was wrong, so the form does not tell which emails have accounts.
            Error = "That email and password do not match an account.";
            return Page();
        }

        await store.RecordSignInAsync(user.Id, cancellationToken);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserClaims.Principal(user));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
