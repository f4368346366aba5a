/** Entry of the app the runtime serves at `/`. */
import './components/rb-app.js'
