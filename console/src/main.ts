import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'element-plus/theme-chalk/base.css'
import 'element-plus/theme-chalk/el-message.css'
import './styles.css'
import App from './App.vue'
import { configureClient } from './api/client'
import { currentLocale, i18n } from './i18n'
import { createConsoleRouter } from './router'
import { installGuards } from './router/guards'

configureClient({ locale: currentLocale })
document.documentElement.lang = currentLocale()

const app = createApp(App)
const pinia = createPinia()
const router = createConsoleRouter()
app.use(pinia).use(i18n).use(router)
installGuards(router)
app.mount('#app')
