// Every name the app below declares, or uses where it is no reference, or has as a global.
const value = 1;
export {
  value as Alpha, value as Beta, value as Gamma, value as Delta, value as Epsilon,
  value as Zeta, value as Eta, value as Theta, value as Iota, value as Kappa,
  value as Lambda, value as Mu, value as Nu, value as Xi, value as Omicron, value as Pi,
  value as Rho, value as Sigma, value as Tau, value as Upsilon, value as Phi, value as Chi,
  value as Psi, value as Label, value as Key, value as Prop, value as Attr, value as div,
  value as Scoped, value as Hidden, value as config,
  value as console, value as Promise, value as fetch, value as process, value as document,
  value as require, value as module, value as __dirname, value as setTimeout,
  value as Omega,
};
