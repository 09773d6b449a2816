import Alpha from './local.js';
import { Beta } from './local.js';
import * as Gamma from './local.js';
import { other as Delta } from './local.js';
var Epsilon = 1;
let Zeta = 2;
const { Eta, inner: { Theta }, ...Iota } = config();
function Kappa() {}
class Lambda {}
Mu();
function Mu() { return Nu; var Nu; }
const [Xi = Epsilon, , ...Omicron] = [];
try { Zeta += 1; } catch (Pi) { Pi; }
for (const Rho of []) Rho;
const f = function Sigma() { return Sigma; };
const g = class Tau { m() { return Tau; } };
const h = (Upsilon, { Phi = 1 }, [Chi]) => Upsilon + Phi + Chi;
{ let Psi = 1; Psi; }
function config() { return Hoisted; }
var Hoisted;
Label: for (;;) { break Label; }
const keys = { Key: 1, [Alpha]: 2, Prop() {} };
keys.Prop; keys.Key;
console.log(Promise, fetch, process, document, require, module, __dirname, setTimeout);
console.log(Alpha, Beta, Gamma, Delta, Eta, Theta, Iota, Kappa, Lambda, Xi, Omicron, f, g, h);
export default Omega;
