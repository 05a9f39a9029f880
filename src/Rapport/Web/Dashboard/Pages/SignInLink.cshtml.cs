using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Rapport.Storage;

namespace Rapport.Web.Dashboard.Pages;

/// <summary>
/// A one-time sign-in link. Opening it only shows a button; the link is used up by the POST, so chat and mail
/// previews that fetch the link do not spend it.
/// </summary>
internal sealed class SignInLinkModel(IRapportStore store) : PageModel
{
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var user = await store.RedeemSignInLinkAsync(token, cancellationToken);
        if (user is null)
        {
            Error = "This sign-in link has been used or has expired.";
            return Page();
        }

        await store.RecordSignInAsync(user.Id, cancellationToken);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, UserClaims.Principal(user));
        return LocalRedirect("/");
    }
}
