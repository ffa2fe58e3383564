/** The crew pages' only stylesheet, served from /assets/crew.css (the CSP allows no inline styles). */
export const CREW_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:17px;line-height:1.45;color:#14202b;background:#f3f6f8}
body{margin:0;padding:0}
main{max-width:34rem;margin:0 auto;padding:1rem}
header{background:#0b3d5c;color:#fff;padding:1rem}
header h1{margin:0;font-size:1.3rem}
header p{margin:.2rem 0 0;color:#d6e6f0}
section{background:#fff;border-radius:.6rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
h2{font-size:1.1rem;margin:0 0 .6rem}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem .8rem;margin:0}
dt{color:#4a5a66}
dd{margin:0;font-weight:600}
.notice{border-left:.35rem solid #0b6e4f;background:#e9f6f0}
.warning{border-left:.35rem solid #a35200;background:#fff4e5}
.error{border-left:.35rem solid #b00020;background:#fdecee}
button{font:inherit;font-weight:700;border:0;border-radius:.5rem;padding:.85rem 1rem;width:100%;min-height:3rem;cursor:pointer}
button.primary{background:#0b6e4f;color:#fff}
button.secondary{background:#e3e8ec;color:#14202b}
button.danger{background:#fff;color:#b00020;border:2px solid #b00020}
button:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
form{margin:.6rem 0 0}
label{display:block;font-weight:600;margin:.4rem 0 .2rem}
textarea{font:inherit;width:100%;min-height:4.5rem;margin:0 0 .6rem;padding:.5rem;border:1px solid #7a8a96;border-radius:.4rem}
.hint{color:#4a5a66;font-size:.9rem;margin:.2rem 0}
input.copy{font:inherit;font-size:.9rem;width:100%;padding:.5rem;margin:0 0 .6rem;border:1px solid #7a8a96;border-radius:.4rem;background:#f8fafb}
input.copy:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
h3{font-size:1rem;margin:.8rem 0 .2rem}
ol.steps{margin:0;padding-left:1.3rem}
ul.chat{list-style:none;margin:0;padding:0}
ul.chat li{padding:.5rem 0;border-bottom:1px solid #e3e8ec;white-space:pre-wrap;overflow-wrap:anywhere}
ul.chat .who{font-weight:700}
ul.chat .when{color:#4a5a66;font-size:.85rem}
footer{text-align:center;color:#4a5a66;font-size:.9rem;padding:1rem}
a{color:#0b4f8a}
a.button{display:flex;align-items:center;justify-content:center;width:100%;min-height:3rem;padding:.85rem 1rem;border-radius:.5rem;font-weight:700;text-align:center;text-decoration:none}
a.button.primary{background:#0b6e4f;color:#fff}
a.button.secondary{background:#e3e8ec;color:#14202b}
p.back{margin:.6rem 0 0}
ul.days{list-style:none;margin:0 0 1rem;padding:0}
ul.days li{border-bottom:1px solid #e3e8ec;padding:.4rem 0}
ul.days li.day-error{background:#fdecee}
.save-bar{position:sticky;bottom:0;background:#fff;padding:.5rem 0;border-top:1px solid #e3e8ec}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend{font-weight:700;padding:0}
.day-fields{display:flex;flex-wrap:wrap;gap:0 .6rem}
.day-field{flex:1 1 7rem;min-width:0}
.day-note{flex-basis:100%}
.day-field label{font-weight:400;font-size:.9rem;margin:.2rem 0 .1rem}
select,input[type=time],input[type=text]{font:inherit;width:100%;min-height:2.6rem;padding:.35rem;border:1px solid #7a8a96;border-radius:.4rem;background:#fff;color:#14202b}
select:focus-visible,input:focus-visible{outline:3px solid #1a73e8;outline-offset:2px}
.field-error{color:#b00020;font-weight:600;margin:.2rem 0}
`;
