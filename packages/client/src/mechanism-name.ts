/** The SASL mechanism name Prosody's mod_sasl_token offers and expects in `<auth mechanism>`. */
export const X_TOKEN = 'X-TOKEN';
